/**
 * Tenants: the clinics faxbridge serves. A tenant owns its provider connections, its faxes and its
 * delivery folder; nothing of one tenant ever reaches another's.
 */
package dev.faxbridge.tenant;
