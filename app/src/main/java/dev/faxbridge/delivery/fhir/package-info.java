/**
 * The FHIR R4 destination: each fax becomes a {@code Binary} and an unfiled {@code
 * DocumentReference} in one transaction, created on condition of the fax's identifier so that a
 * repeat adds nothing.
 */
package dev.faxbridge.delivery.fhir;
