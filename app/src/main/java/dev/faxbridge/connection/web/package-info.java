/**
 * The clinic-facing pages of the authorization-code flow: the connect link page, the hand-off to
 * RingCentral's sign-in with {@code state} and PKCE S256, and the callback that shows the outcome
 * in plain language. Server-rendered, no script, readable on a phone.
 */
package dev.faxbridge.connection.web;
