package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Lenient reading of RingCentral JSON: ids come as numbers in lists and as strings in events. */
final class Json {

  private Json() {}

  static List<JsonNode> records(JsonNode answer, String what) {
    JsonNode records = answer.get("records");
    if (records == null || !records.isArray()) {
      throw new ProviderException.Unavailable("RingCentral's " + what + " has no records array");
    }
    List<JsonNode> list = new ArrayList<>();
    records.forEach(list::add);
    return list;
  }

  static boolean hasNextPage(JsonNode answer) {
    JsonNode navigation = answer.get("navigation");
    return navigation != null
        && navigation.get("nextPage") != null
        && !navigation.get("nextPage").isNull();
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || value.isContainer()) {
      return null;
    }
    return value.asString();
  }

  static String requiredId(JsonNode node, String field, String what) {
    String id = text(node, field);
    if (id == null || id.isBlank()) {
      throw new ProviderException.Unavailable("A RingCentral " + what + " record has no " + field);
    }
    return id;
  }
}
