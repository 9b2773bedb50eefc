/**
 * The drop-folder destination: a document file and a JSON sidecar per fax in a per-tenant folder,
 * written under temporary names and renamed into place, the sidecar last, so a consumer that waits
 * for the sidecar never sees a partial document.
 */
package dev.faxbridge.delivery.folder;
