package dev.faxbridge.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Faxbridge-Signature} of every webhook faxbridge sends: {@code sha256=<hex>}, the
 * HMAC-SHA256 with the receiver's secret of {@code <X-Faxbridge-Timestamp>.<body bytes>}. The body
 * can be fed in pieces, so a large body is signed while it streams from disk.
 */
public final class WebhookSignature {

  public static final String HEADER = "X-Faxbridge-Signature";
  public static final String TIMESTAMP_HEADER = "X-Faxbridge-Timestamp";

  private final Mac mac;

  private WebhookSignature(String secret, String timestamp) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
    mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
  }

  /** Starts the signature of a body sent with {@code timestamp}. */
  public static WebhookSignature of(String secret, String timestamp) {
    return new WebhookSignature(secret, timestamp);
  }

  /** The header value for a whole text body. */
  public static String of(String secret, String timestamp, String body) {
    return of(secret, timestamp).update(body.getBytes(StandardCharsets.UTF_8)).header();
  }

  public WebhookSignature update(byte[] bytes, int offset, int length) {
    mac.update(bytes, offset, length);
    return this;
  }

  public WebhookSignature update(byte[] bytes) {
    return update(bytes, 0, bytes.length);
  }

  /** {@code sha256=<hex>}; ends this signature. */
  public String header() {
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal());
  }
}
