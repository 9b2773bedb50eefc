/**
 * The HL7 v2.5 destination: each fax as an MDM^T02 over MLLP (optionally TLS), with a placeholder
 * patient and the fax's identity as the unique document number, acknowledged before it counts as
 * delivered.
 */
package dev.faxbridge.delivery.mdm;
