package dev.faxbridge.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the emulator and RingCentral's timestamp format. */
final class Json {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** RingCentral renders times as {@code 2026-11-27T10:00:00.000Z}: UTC, milliseconds, a Z. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }
}
