/**
 * The operator's REST API (tenants, their connections, their faxes, "sync now") and who may call
 * what: {@code OperatorSecurity} guards every path of the application but the declared {@code
 * OpenPaths}. Answers never carry secrets or phone numbers.
 */
package dev.faxbridge.admin;
