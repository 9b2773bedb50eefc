package dev.faxbridge.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Cursor paging of the operator API's lists. A list answers {@code {"items": [...], "nextCursor":
 * ...}}; {@code nextCursor} is null on the last page, otherwise it is sent back as {@code cursor}
 * for the next one. A cursor is opaque to the caller (the position after the page's last item,
 * encoded, tagged with the list it belongs to); {@code limit} is 1 to {@value #MAX_LIMIT}, {@value
 * #DEFAULT_LIMIT} when not given.
 */
final class Paging {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private Paging() {}

  /** One page of a list. */
  record Page<T>(List<T> items, String nextCursor) {}

  static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit is 1 to " + MAX_LIMIT + " items per page, was " + limit);
    }
    return limit;
  }

  /**
   * The page of {@code rows}, which the query was asked for with {@code limit + 1}: when there are
   * more than {@code limit}, the last kept row's position becomes the next cursor.
   */
  static <R, T> Page<T> page(
      List<R> rows, int limit, String list, Function<R, String> position, Function<R, T> view) {
    List<R> kept = rows.size() > limit ? rows.subList(0, limit) : rows;
    String next = rows.size() > limit ? encode(list, position.apply(kept.get(limit - 1))) : null;
    return new Page<>(kept.stream().map(view).toList(), next);
  }

  /** The position a cursor of {@code list} holds, or null for no cursor. */
  static String position(String cursor, String list) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notOurs(list);
    }
    if (!decoded.startsWith(list + ":")) {
      throw notOurs(list);
    }
    return decoded.substring(list.length() + 1);
  }

  static IllegalArgumentException notOurs(String list) {
    return new IllegalArgumentException(
        "cursor is not one this list ("
            + list
            + ") gave out; send back the nextCursor of the previous page unchanged");
  }

  private static String encode(String list, String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((list + ":" + position).getBytes(StandardCharsets.UTF_8));
  }

  /** An ISO-8601 instant parameter, or null when not given. */
  static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, was '" + value + "'");
    }
  }

  /** A UUID parameter, or null when not given. */
  static UUID uuid(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be an id (a UUID), was '" + value + "'");
    }
  }
}
