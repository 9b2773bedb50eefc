package dev.faxbridge.provider;

import java.nio.file.Path;

/** A fax document on local disk, complete and checked. */
public record DownloadedDocument(Path path, long size, String sha256, String contentType) {}
