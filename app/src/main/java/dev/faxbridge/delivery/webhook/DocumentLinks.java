package dev.faxbridge.delivery.webhook;

import dev.faxbridge.delivery.FaxMetadata;
import dev.faxbridge.provider.DownloadedDocument;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;

/**
 * Publishes a fax document under a short-lived signed download URL, for webhook receivers that
 * fetch the document instead of taking it in the request.
 */
public interface DocumentLinks {

  /** A published document: its URL (the signed token in its path) and when the token expires. */
  record Link(URI url, Instant expiresAt) {
    @Override
    public String toString() {
      return "Link[expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * Keeps a copy of the document until the link expires and answers its link.
   *
   * @throws IOException when the copy cannot be written
   * @throws IllegalStateException when links are not configured (no base URL)
   */
  Link publish(FaxMetadata metadata, DownloadedDocument document) throws IOException;
}
