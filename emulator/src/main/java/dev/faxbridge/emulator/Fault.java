package dev.faxbridge.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What goes wrong with one answer. {@link Kind#STATUS} replaces the answer with an error status;
 * {@link Kind#DELAY} answers normally after a pause; {@link Kind#RESET} closes the connection
 * without an answer; {@link Kind#TRUNCATE} announces the full {@code Content-Length} and closes the
 * connection after half the body; {@link Kind#STALL} announces the full length, sends half the body
 * and then sends nothing more while holding the connection open for {@code delay}; {@link
 * Kind#MALFORMED_JSON} sends a body cut in the middle of a JSON value with a consistent length, so
 * only the parser notices; {@link Kind#DAMAGED_RECORD} sets {@code field} of the first record of a
 * list answer to {@code value} (null: removes it), where {@code field} is a record field such as
 * {@code creationTime} or {@code attachments.uri} for a field of each of its attachments.
 */
public record Fault(Kind kind, int status, Duration delay, String field, String value) {

  /** The kinds of injectable faults. */
  public enum Kind {
    NONE,
    STATUS,
    DELAY,
    RESET,
    TRUNCATE,
    STALL,
    MALFORMED_JSON,
    DAMAGED_RECORD
  }

  /** No fault: the answer goes out as it is. */
  public static final Fault NONE = new Fault(Kind.NONE, 0, Duration.ZERO);

  public Fault(Kind kind, int status, Duration delay) {
    this(kind, status, delay, null, null);
  }

  public Fault {
    if (kind == Kind.STATUS && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("a STATUS fault needs a 4xx or 5xx status, got " + status);
    }
    delay = delay == null ? Duration.ZERO : delay;
    if (kind == Kind.DAMAGED_RECORD && (field == null || field.isBlank())) {
      throw new IllegalArgumentException("a DAMAGED_RECORD fault needs a field");
    }
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

  /** Half the body, then silence on an open connection for {@code hold}, then a drop. */
  public static Fault stalledBody(Duration hold) {
    return new Fault(Kind.STALL, 0, hold);
  }

  public static Fault malformedJson() {
    return new Fault(Kind.MALFORMED_JSON, 0, Duration.ZERO);
  }

  /**
   * The first record of a list answer with {@code field} set to {@code value}, or without it when
   * {@code value} is null; {@code attachments.<name>} reaches into each of its attachments.
   */
  public static Fault damagedRecord(String field, String value) {
    return new Fault(Kind.DAMAGED_RECORD, 0, Duration.ZERO, field, value);
  }

  /** Whether the body stops half-way (closed at once, or after a stall). */
  public boolean truncates() {
    return kind == Kind.TRUNCATE || kind == Kind.STALL;
  }

  /** The body as sent: cut in half for {@link Kind#MALFORMED_JSON}, damaged for a record fault. */
  public byte[] rewrite(byte[] body) {
    if (body.length == 0) {
      return body;
    }
    return switch (kind) {
      case MALFORMED_JSON -> Arrays.copyOf(body, Math.max(1, body.length / 2));
      case DAMAGED_RECORD -> damage(body);
      default -> body;
    };
  }

  private byte[] damage(byte[] body) {
    JsonNode answer = Json.MAPPER.readTree(body);
    JsonNode records = answer.path("records");
    if (!records.isArray() || records.isEmpty()) {
      return body;
    }
    JsonNode first = records.get(0);
    if (field.startsWith("attachments.")) {
      for (JsonNode attachment : first.path("attachments")) {
        set((ObjectNode) attachment, field.substring("attachments.".length()));
      }
    } else {
      set((ObjectNode) first, field);
    }
    return Json.MAPPER.writeValueAsBytes(answer);
  }

  private void set(ObjectNode node, String name) {
    if (value == null) {
      node.remove(name);
    } else {
      node.put(name, value);
    }
  }

  /**
   * Writes the payload, or half of it (after a stall for {@link Kind#STALL}) followed by an {@link
   * IOException} for a truncating fault, after which the listener drops the connection.
   */
  public void write(OutputStream out, byte[] payload) throws IOException {
    if (truncates()) {
      out.write(payload, 0, payload.length / 2);
      out.flush();
      stall();
      throw new TruncatedOnPurpose();
    }
    out.write(payload);
  }

  private void stall() throws IOException {
    if (kind != Kind.STALL) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TruncatedOnPurpose();
    }
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
          stall();
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
