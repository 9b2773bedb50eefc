package dev.faxbridge.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a list answer with the spec's {@code paging} and {@code navigation} objects. The
 * navigation links are absolute and repeat the request's own query with only {@code page} changed.
 */
final class Paging {

  private Paging() {}

  static int page(HttpCall call) {
    return positive(call, "page", 1, Integer.MAX_VALUE);
  }

  /** {@code perPage}; values above {@code max} are clamped, as the spec says for messages. */
  static int perPage(HttpCall call, int defaultValue, int max) {
    return Math.min(max, positive(call, "perPage", defaultValue, Integer.MAX_VALUE));
  }

  static <T> ObjectNode render(
      HttpCall call, List<T> all, int page, int perPage, Function<T, JsonNode> record) {
    int total = all.size();
    int totalPages = (total + perPage - 1) / perPage;
    int from = (int) Math.min((long) (page - 1) * perPage, total);
    int to = Math.min(from + perPage, total);
    ObjectNode json = Json.object();
    json.put("uri", link(call, page));
    ArrayNode records = json.putArray("records");
    for (T item : all.subList(from, to)) {
      records.add(record.apply(item));
    }
    ObjectNode paging = json.putObject("paging");
    paging.put("page", page);
    paging.put("totalPages", totalPages);
    paging.put("perPage", perPage);
    paging.put("totalElements", total);
    if (to > from) {
      paging.put("pageStart", from);
      paging.put("pageEnd", to - 1);
    }
    ObjectNode navigation = json.putObject("navigation");
    navigation.putObject("firstPage").put("uri", link(call, 1));
    if (page < totalPages) {
      navigation.putObject("nextPage").put("uri", link(call, page + 1));
    }
    if (page > 1 && totalPages > 0) {
      navigation.putObject("previousPage").put("uri", link(call, Math.min(page - 1, totalPages)));
    }
    navigation.putObject("lastPage").put("uri", link(call, Math.max(1, totalPages)));
    return json;
  }

  static String link(HttpCall call, int page) {
    StringBuilder uri = new StringBuilder(call.baseUrl().toString()).append(call.path());
    String separator = "?";
    boolean pageWritten = false;
    for (Map.Entry<String, List<String>> entry : call.queryParameters().entrySet()) {
      if (entry.getKey().equals("access_token")) {
        continue;
      }
      if (entry.getKey().equals("page")) {
        uri.append(separator).append("page=").append(page);
        separator = "&";
        pageWritten = true;
        continue;
      }
      for (String value : entry.getValue()) {
        uri.append(separator).append(encode(entry.getKey())).append('=').append(encode(value));
        separator = "&";
      }
    }
    if (!pageWritten) {
      uri.append(separator).append("page=").append(page);
    }
    return uri.toString();
  }

  private static int positive(HttpCall call, String name, int defaultValue, int max) {
    String value = call.param(name);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < 1) {
        throw PlatformError.invalidParameter(name);
      }
      return Math.min(parsed, max);
    } catch (NumberFormatException e) {
      throw PlatformError.invalidParameter(name);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
