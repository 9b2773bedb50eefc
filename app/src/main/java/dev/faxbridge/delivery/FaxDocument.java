package dev.faxbridge.delivery;

import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.tenant.Tenant;

/** A downloaded, checked fax document with everything a destination needs to file it. */
public record FaxDocument(Tenant tenant, InboundFax fax, DownloadedDocument document) {}
