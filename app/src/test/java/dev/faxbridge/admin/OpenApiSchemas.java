package dev.faxbridge.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON answer against a schema of an OpenAPI description: {@code $ref}, {@code type} (one
 * or several), {@code properties} (an answer member the schema does not name is a mismatch, unless
 * {@code additionalProperties} allows it), {@code required}, {@code items}, {@code
 * additionalProperties}, {@code enum}, {@code format: date-time} and {@code oneOf}/{@code anyOf}. A
 * member that is not required may be null.
 */
final class OpenApiSchemas {

  private final JsonNode description;

  OpenApiSchemas(JsonNode description) {
    this.description = description;
  }

  /** What does not match, one line each; empty when the answer matches. */
  List<String> mismatches(JsonNode value, JsonNode schema) {
    List<String> found = new ArrayList<>();
    check(value, schema, "$", found);
    return found;
  }

  private void check(JsonNode value, JsonNode schema, String at, List<String> found) {
    if (schema == null || schema.isMissingNode()) {
      return;
    }
    if (schema.has("$ref")) {
      check(value, resolve(schema.get("$ref").asString()), at, found);
      return;
    }
    for (String choice : List.of("oneOf", "anyOf")) {
      if (schema.has(choice)) {
        boolean any = false;
        for (JsonNode option : schema.get(choice)) {
          any |= mismatches(value, option).isEmpty();
        }
        if (!any) {
          found.add(at + ": matches none of " + choice);
        }
        return;
      }
    }
    Set<String> types = types(schema);
    if (value.isNull()) {
      if (!types.isEmpty() && !types.contains("null")) {
        found.add(at + ": null where " + types + " is documented");
      }
      return;
    }
    if (!types.isEmpty() && types.stream().noneMatch(type -> is(value, type))) {
      found.add(at + ": " + value.getNodeType() + " where " + types + " is documented");
      return;
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode option : schema.get("enum")) {
        listed |= option.equals(value);
      }
      if (!listed) {
        found.add(at + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    if (value.isString() && "date-time".equals(schema.path("format").asString(""))) {
      try {
        Instant.parse(value.asString());
      } catch (DateTimeParseException e) {
        found.add(at + ": '" + value.asString() + "' is no date-time");
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), at + "[" + i + "]", found);
      }
    }
    if (value.isObject()) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asString())) {
          found.add(at + ": required member '" + required.asString() + "' is missing");
        }
      }
      Set<String> required = new HashSet<>();
      schema.path("required").forEach(name -> required.add(name.asString()));
      for (String name : value.propertyNames()) {
        JsonNode member = value.get(name);
        if (member.isNull() && !required.contains(name)) {
          continue;
        }
        if (properties.has(name)) {
          check(member, properties.get(name), at + "." + name, found);
        } else if (additional.isObject()) {
          check(member, additional, at + "." + name, found);
        } else if (!properties.isMissingNode() && !additional.asBoolean(false)) {
          found.add(at + ": member '" + name + "' is not documented");
        }
      }
    }
  }

  private JsonNode resolve(String reference) {
    if (!reference.startsWith("#/")) {
      throw new IllegalArgumentException("only local references are read: " + reference);
    }
    JsonNode node = description;
    for (String part : reference.substring(2).split("/")) {
      node = node.path(part);
    }
    if (node.isMissingNode()) {
      throw new AssertionError("the description refers to " + reference + ", which it lacks");
    }
    return node;
  }

  private static Set<String> types(JsonNode schema) {
    Set<String> types = new HashSet<>();
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asString()));
    } else if (type.isString()) {
      types.add(type.asString());
    }
    if (schema.path("nullable").asBoolean(false)) {
      types.add("null");
    }
    return types;
  }

  private static boolean is(JsonNode value, String type) {
    return switch (type) {
      case "string" -> value.isString();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "array" -> value.isArray();
      case "object" -> value.isObject();
      case "null" -> value.isNull();
      default -> throw new AssertionError("unknown schema type " + type);
    };
  }
}
