/**
 * RingCentral as a fax provider: OAuth token exchange and refresh, extension and message-store
 * listing, and streaming downloads of fax documents from the attachment URI the platform gives.
 * RingCentral's JSON never leaves this package.
 */
package dev.faxbridge.provider.ringcentral;
