package dev.faxbridge.testing;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.delivery.FaxMetadata;
import dev.faxbridge.fax.FaxState;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.ListedFax;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Fax documents staged on disk as the sync hands them to a destination, for destination tests. */
public final class StagedFaxes {

  public static final Instant RECEIVED_AT = Instant.parse("2026-11-27T10:15:30Z");
  public static final String FROM = "+16505550100";
  public static final String TO = "+16505550199";

  private final Path staging;
  private final Tenant tenant =
      new Tenant(TenantId.random(), "riverside", "Riverside", Duration.ofMinutes(1), RECEIVED_AT);

  public StagedFaxes(Path staging) {
    this.staging = staging;
  }

  /** A staged PDF of {@code content} for the fax with this message id (3 pages). */
  public FaxDocument document(String messageId, byte[] content) {
    return document(fax(messageId), content);
  }

  /** A staged PDF of {@code content} for this fax: the same fax again is delivered again. */
  public FaxDocument document(InboundFax fax, byte[] content) {
    try {
      Path file = staging.resolve(UUID.randomUUID() + ".part");
      Files.write(file, content);
      String sha256 =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
      return new FaxDocument(
          tenant,
          fax,
          new DownloadedDocument(file, content.length, sha256, "application/pdf"),
          ringCentralSource(fax));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The source block a RingCentral fax is delivered with (what the RingCentral provider names). */
  public static FaxDocument.Source ringCentralSource(InboundFax fax) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("accountId", fax.source().accountId());
    block.put("extensionId", fax.source().mailboxId());
    block.put("messageId", fax.source().messageId());
    block.put("attachmentId", fax.source().attachmentId());
    return new FaxDocument.Source(Provider.RINGCENTRAL, block);
  }

  /** The document's metadata as the platform would give it with a sender's name. */
  public static FaxMetadata withSender(FaxDocument document, String name, String location) {
    FaxMetadata plain = FaxMetadata.of(document, location);
    return new FaxMetadata(
        plain.documentId(),
        plain.faxId(),
        plain.tenantSlug(),
        plain.receivedAt(),
        plain.fromNumber(),
        name,
        plain.toNumber(),
        plain.pageCount(),
        plain.contentType(),
        plain.size(),
        plain.sha256(),
        plain.location());
  }

  /** Bytes that start like a PDF, {@code size} long, varying so a truncation would show. */
  public static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    System.arraycopy("%PDF-1.7".getBytes(), 0, bytes, 0, Math.min(8, size));
    return bytes;
  }

  /** A local port nothing listens on (it was free a moment ago), for unreachable receivers. */
  public static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new RingCentral fax of the tenant with this message id, just discovered (3 pages). */
  public InboundFax fax(String messageId) {
    ListedFax source =
        new ListedFax(
            Provider.RINGCENTRAL,
            "1000",
            "2000",
            messageId,
            "9" + messageId,
            RECEIVED_AT,
            FROM,
            TO,
            3,
            "application/pdf",
            null,
            URI.create("https://media.example/content"),
            null,
            null);
    return new InboundFax(
        UUID.randomUUID(),
        tenant.id(),
        ConnectionId.random(),
        source,
        FaxState.DISCOVERED,
        null,
        null,
        null,
        0,
        RECEIVED_AT,
        null,
        RECEIVED_AT,
        null,
        null);
  }
}
