package dev.faxbridge.emulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 date-time query parameters as the platform accepts them: with a zone or offset, without
 * one (read as UTC), or a bare date (its start, UTC).
 */
final class DateParameter {

  private DateParameter() {}

  static Instant parse(HttpCall call, String name, Instant defaultValue) {
    String value = call.param(name);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException ignored) {
      // fall through to the zone-less forms
    }
    try {
      return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // fall through to a bare date
    }
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw PlatformError.invalidParameter(name);
    }
  }
}
