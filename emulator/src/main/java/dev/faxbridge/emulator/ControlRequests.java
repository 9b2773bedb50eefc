package dev.faxbridge.emulator;

import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Control-API bodies both emulators accept: a fault rule and a move of the clock. Public so that
 * the Faxage emulator's control API reads them exactly as this one does.
 */
public final class ControlRequests {

  private ControlRequests() {}

  /**
   * {@code {"method": "*", "path": "*", "kind": "STATUS", "status": 503, "delayMs": 0, "times": 1,
   * "probability": 1.0, "field": null, "value": null}}; only {@code kind} is required ({@code
   * field} and {@code value} are for {@code DAMAGED_RECORD}).
   */
  public static FaultRule faultRule(JsonNode body) {
    Fault.Kind kind = Fault.Kind.valueOf(required(body, "kind"));
    Fault fault =
        new Fault(
            kind,
            body.path("status").asInt(0),
            Duration.ofMillis(body.path("delayMs").asLong(0)),
            text(body, "field", null),
            text(body, "value", null));
    return new FaultRule(
        text(body, "method", "*"),
        text(body, "path", "*"),
        fault,
        body.path("times").asInt(1),
        body.path("probability").asDouble(1.0));
  }

  /** {@code {"advance": "PT1H"}} moves forward; {@code {"set": "2026-11-27T10:00:00Z"}} jumps. */
  public static void moveClock(EmulatorClock clock, JsonNode body) {
    String advance = text(body, "advance", null);
    String set = text(body, "set", null);
    if (advance != null) {
      clock.advance(Duration.parse(advance));
    } else if (set != null) {
      clock.set(Instant.parse(set));
    } else {
      throw new IllegalArgumentException("give \"advance\" (ISO duration) or \"set\" (instant)");
    }
  }

  /**
   * {@code {"from": "+1555...", "to": "+1555...", "pageCount": 1, "receivedAt": null,
   * "contentType": "application/pdf", "minimumSize": 0, "senderName": null, "attachments": 1}};
   * {@code from} and {@code to} are required.
   */
  public static InboundFaxSpec inboundFax(JsonNode body) {
    String receivedAt = text(body, "receivedAt", null);
    return new InboundFaxSpec(
        required(body, "from"),
        required(body, "to"),
        body.path("pageCount").asInt(1),
        receivedAt == null ? null : Instant.parse(receivedAt),
        text(body, "contentType", InboundFaxSpec.PDF),
        body.path("minimumSize").asLong(0),
        text(body, "senderName", null),
        body.path("attachments").asInt(1));
  }

  /** A text field, or {@code defaultValue} when it is absent or null. */
  public static String text(JsonNode body, String name, String defaultValue) {
    JsonNode node = body.path(name);
    return node.isMissingNode() || node.isNull() ? defaultValue : node.asString();
  }

  /** A text field that must be present and not blank. */
  public static String required(JsonNode body, String name) {
    String value = text(body, name, null);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("\"" + name + "\" is required");
    }
    return value;
  }
}
