/**
 * The operator's REST API: tenants, their connections, their faxes, and "sync now". Every call
 * needs the operator API token; answers never carry secrets or phone numbers.
 */
package dev.faxbridge.admin;
