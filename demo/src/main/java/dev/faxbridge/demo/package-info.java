/**
 * Demo mode: faxbridge with the RingCentral emulator inside, a few demo clinics whose mailboxes
 * receive a fax every few seconds, and delivery into the local drop folder. Needs no credentials;
 * the first thing a newcomer runs. Never enabled unless asked for.
 */
package dev.faxbridge.demo;
