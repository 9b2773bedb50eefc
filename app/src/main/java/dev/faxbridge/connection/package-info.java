/**
 * Provider connections: a clinic's authorization at a fax provider, its encrypted credential and
 * token set, and its status. Token rows are replaced only under a row lock, so one refresh happens
 * at a time per connection across threads and nodes.
 */
package dev.faxbridge.connection;
