/**
 * Destinations per tenant and routing: the tenant's destinations in the database ({@link
 * dev.faxbridge.delivery.routing.TenantDestinations}, their secrets sealed), the settings of each
 * kind read and checked in one place ({@link dev.faxbridge.delivery.routing.DestinationSettings}),
 * the destination objects built from them ({@link
 * dev.faxbridge.delivery.routing.DestinationFactory}) and the rules that pick a fax's destinations
 * by the number dialled and by source ({@link dev.faxbridge.delivery.routing.RoutingRules}). A
 * tenant without destinations is delivered to the global folder.
 */
package dev.faxbridge.delivery.routing;
