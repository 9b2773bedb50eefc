/**
 * The webhook destination: each fax POSTed to the tenant's receiver as signed multipart form data
 * with an idempotency key, so the receiver can check origin and freshness and keep one copy.
 */
package dev.faxbridge.delivery.webhook;
