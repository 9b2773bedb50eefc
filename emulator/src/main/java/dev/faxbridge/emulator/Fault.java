package dev.faxbridge.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;

/**
 * What goes wrong with one answer. {@link Kind#STATUS} replaces the answer with an error status;
 * {@link Kind#DELAY} answers normally after a pause; {@link Kind#RESET} closes the connection
 * without an answer; {@link Kind#TRUNCATE} announces the full {@code Content-Length} and closes the
 * connection after half the body; {@link Kind#MALFORMED_JSON} sends a body cut in the middle of a
 * JSON value with a consistent length, so only the parser notices.
 */
public record Fault(Kind kind, int status, Duration delay) {

  /** The kinds of injectable faults. */
  public enum Kind {
    NONE,
    STATUS,
    DELAY,
    RESET,
    TRUNCATE,
    MALFORMED_JSON
  }

  /** No fault: the answer goes out as it is. */
  public static final Fault NONE = new Fault(Kind.NONE, 0, Duration.ZERO);

  public Fault {
    if (kind == Kind.STATUS && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("a STATUS fault needs a 4xx or 5xx status, got " + status);
    }
    delay = delay == null ? Duration.ZERO : delay;
  }

  /** Answer with this status and a RingCentral error body (503 and 429 also get Retry-After). */
  public static Fault status(int status) {
    return new Fault(Kind.STATUS, status, Duration.ZERO);
  }

  public static Fault delay(Duration delay) {
    return new Fault(Kind.DELAY, 0, delay);
  }

  public static Fault reset() {
    return new Fault(Kind.RESET, 0, Duration.ZERO);
  }

  public static Fault truncatedBody() {
    return new Fault(Kind.TRUNCATE, 0, Duration.ZERO);
  }

  public static Fault malformedJson() {
    return new Fault(Kind.MALFORMED_JSON, 0, Duration.ZERO);
  }

  /** Whether the body is to be cut off half-way (public for the Faxage emulator's listener). */
  public boolean truncates() {
    return kind == Kind.TRUNCATE;
  }

  /** The body as sent: cut in half, with a consistent length, for {@link Kind#MALFORMED_JSON}. */
  public byte[] rewrite(byte[] body) {
    if (kind != Kind.MALFORMED_JSON || body.length == 0) {
      return body;
    }
    return Arrays.copyOf(body, Math.max(1, body.length / 2));
  }

  /**
   * Writes the payload, or half of it followed by an {@link IOException} for {@link Kind#TRUNCATE},
   * after which the listener drops the connection.
   */
  public void write(OutputStream out, byte[] payload) throws IOException {
    if (kind == Kind.TRUNCATE) {
      out.write(payload, 0, payload.length / 2);
      out.flush();
      throw new TruncatedOnPurpose();
    }
    out.write(payload);
  }

  /**
   * Wraps a streaming body so that it stops after half of {@code length} bytes with an {@link
   * IOException}.
   */
  public OutputStream truncating(OutputStream out, long length) {
    long limit = length / 2;
    return new OutputStream() {
      private long written;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        int allowed = (int) Math.min(len, limit - written);
        if (allowed > 0) {
          out.write(b, off, allowed);
          written += allowed;
        }
        if (written >= limit) {
          out.flush();
          throw new TruncatedOnPurpose();
        }
      }

      @Override
      public void close() throws IOException {
        if (written < limit) {
          throw new TruncatedOnPurpose();
        }
      }
    };
  }

  /** Thrown to abort an answer half-way; the dispatcher then drops the connection. */
  static final class TruncatedOnPurpose extends IOException {
    TruncatedOnPurpose() {
      super("body truncated by an injected fault", null);
    }
  }
}
