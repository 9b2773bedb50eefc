package dev.faxbridge.delivery.webhook;

import dev.faxbridge.delivery.FaxMetadata;
import dev.faxbridge.platform.FileAccess;
import dev.faxbridge.platform.RandomTokens;
import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.provider.DownloadedDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed download links. A token is {@code <payload>.<signature>}, both base64url: the payload is
 * the link's id and its expiry (epoch seconds), the signature the HMAC-SHA256 of the payload with
 * the installation's link key ({@code document_link_key}, sealed, shared by every node). The token
 * is the credential of the download: it is checked (signature in constant time, then expiry) before
 * anything is read, never logged, and stops working at its expiry. The document's copy lives in
 * {@link DocumentLinkSettings#directory()} until then; expired copies are removed whenever a link
 * is published. The copy is on the node that published it: nodes behind one address share that
 * directory, or the address sends a link to its node.
 */
@Component
public class SignedDocumentLinks implements DocumentLinks {

  private static final Logger log = LoggerFactory.getLogger(SignedDocumentLinks.class);
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder FROM_BASE64URL = Base64.getUrlDecoder();

  /** A download the token allows. */
  public record Published(
      UUID id, UUID tenantId, UUID faxId, Path file, String contentType, long size) {}

  /** What a token is good for. */
  public sealed interface Access {
    record Granted(Published document) implements Access {}

    /** A genuine token past its expiry. */
    record Expired() implements Access {}

    /** Not a token of this installation, or its document is gone. */
    record Refused() implements Access {}
  }

  private final DocumentLinkSettings settings;
  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final Clock clock;
  private volatile byte[] key;

  SignedDocumentLinks(
      DocumentLinkSettings settings, JdbcClient jdbc, SecretBox secrets, Clock clock) {
    this.settings = settings;
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.clock = clock;
  }

  @Override
  public Link publish(FaxMetadata metadata, DownloadedDocument document) throws IOException {
    if (settings.baseUrl() == null) {
      throw new IllegalStateException(
          "faxbridge.delivery.document-links.base-url is not set; a webhook in link mode needs it");
    }
    removeExpired();
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    Instant expires = now.plus(settings.ttl());
    FileAccess.OWNER_ONLY.createDirectories(settings.directory());
    Path copy = FileAccess.OWNER_ONLY.createEmptyFile(settings.directory().resolve(id + ".doc"));
    try (OutputStream out = Files.newOutputStream(copy, StandardOpenOption.WRITE)) {
      Files.copy(document.path(), out);
    }
    jdbc.sql(
            """
            insert into document_link (id, tenant_id, fax_id, file, content_type, size, expires_at,
                created_at)
            select :id, t.id, :fax, :file, :type, :size, :expires, :now from tenant t
            where t.slug = :tenant
            """)
        .param("id", id)
        .param("fax", metadata.faxId())
        .param("file", copy.toString())
        .param("type", document.contentType())
        .param("size", document.size())
        .param("expires", Timestamp.from(expires))
        .param("now", Timestamp.from(now))
        .param("tenant", metadata.tenantSlug())
        .update();
    String base = settings.baseUrl().toString();
    String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return new Link(URI.create(root + "/documents/" + token(id, expires)), expires);
  }

  /** What this token allows; checks the signature before anything else. */
  public Access open(String token) {
    String[] parts = token == null ? new String[0] : token.split("\\.", -1);
    if (parts.length != 2) {
      return new Access.Refused();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = FROM_BASE64URL.decode(parts[0]);
      signature = FROM_BASE64URL.decode(parts[1]);
    } catch (IllegalArgumentException notBase64) {
      return new Access.Refused();
    }
    if (payload.length != 24 || !MessageDigest.isEqual(signature, sign(payload))) {
      return new Access.Refused();
    }
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    UUID id = new UUID(buffer.getLong(), buffer.getLong());
    Instant expires = Instant.ofEpochSecond(buffer.getLong());
    if (!clock.instant().isBefore(expires)) {
      return new Access.Expired();
    }
    return jdbc.sql("select * from document_link where id = :id")
        .param("id", id)
        .query(
            (rs, row) ->
                new Published(
                    id,
                    rs.getObject("tenant_id", UUID.class),
                    rs.getObject("fax_id", UUID.class),
                    Path.of(rs.getString("file")),
                    rs.getString("content_type"),
                    rs.getLong("size")))
        .optional()
        .filter(published -> Files.isRegularFile(published.file()))
        .<Access>map(Access.Granted::new)
        .orElse(new Access.Refused());
  }

  /** Removes the copies and rows of expired links. */
  public int removeExpired() {
    List<Map<String, Object>> expired =
        jdbc.sql("select id, file from document_link where expires_at <= :now")
            .param("now", Timestamp.from(clock.instant()))
            .query()
            .listOfRows();
    for (Map<String, Object> link : expired) {
      try {
        Files.deleteIfExists(Path.of((String) link.get("file")));
      } catch (IOException e) {
        log.warn(
            "Could not remove the copy of expired link {}: {}", link.get("id"), e.getMessage());
        continue;
      }
      jdbc.sql("delete from document_link where id = :id").param("id", link.get("id")).update();
    }
    return expired.size();
  }

  private String token(UUID id, Instant expires) {
    byte[] payload =
        ByteBuffer.allocate(24)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits())
            .putLong(expires.getEpochSecond())
            .array();
    return BASE64URL.encodeToString(payload) + "." + BASE64URL.encodeToString(sign(payload));
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }

  /** The installation's link key, made by the first node that needs it. */
  private byte[] key() {
    byte[] current = key;
    if (current != null) {
      return current;
    }
    UUID id = UUID.randomUUID();
    String fresh = RandomTokens.newToken();
    jdbc.sql(
            """
            insert into document_link_key (id, key_sealed, created_at) values (:id, :key, :now)
            on conflict (singleton) do nothing
            """)
        .param("id", id)
        .param("key", secrets.seal(fresh, id.toString()))
        .param("now", Timestamp.from(clock.instant()))
        .update();
    current =
        jdbc.sql("select id, key_sealed from document_link_key")
            .query(
                (rs, row) ->
                    secrets
                        .open(rs.getBytes("key_sealed"), rs.getObject("id", UUID.class).toString())
                        .getBytes(StandardCharsets.UTF_8))
            .single();
    key = current;
    return current;
  }
}
