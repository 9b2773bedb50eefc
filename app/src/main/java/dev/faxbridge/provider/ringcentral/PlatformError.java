package dev.faxbridge.provider.ringcentral;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RingCentral's error body: {@code {"error", "error_description", "errors":[{"errorCode",
 * "message"}]}} on OAuth endpoints, {@code {"errorCode", "message", "errors":[...]}} elsewhere.
 */
record PlatformError(String error, String code, String message) {

  static PlatformError parse(JsonMapper json, String body) {
    if (body == null || body.isBlank()) {
      return new PlatformError(null, null, "(empty body)");
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        return new PlatformError(null, null, "(a body that is not a JSON object)");
      }
      String error = text(node, "error");
      String code = text(node, "errorCode");
      String message = text(node, "error_description");
      if (message == null) {
        message = text(node, "message");
      }
      JsonNode errors = node.get("errors");
      if (errors != null && errors.isArray() && !errors.isEmpty()) {
        if (code == null) {
          code = text(errors.get(0), "errorCode");
        }
        if (message == null) {
          message = text(errors.get(0), "message");
        }
      }
      return new PlatformError(error, code, message);
    } catch (JacksonException e) {
      return new PlatformError(null, null, "(a body that is not JSON)");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  /**
   * The app itself was refused (wrong client id or secret, unsupported grant). Not {@code
   * unauthorized_client} (OAU-251): once the app has authenticated, that answer is about the grant
   * presented, typically a JWT credential restricted to another app, so it is the clinic's to fix
   * and counts as a refused authorization.
   */
  boolean isClientProblem() {
    return "invalid_client".equals(error)
        || "unsupported_grant_type".equals(error)
        || "OAU-123".equals(code)
        || "OAU-146".equals(code)
        || "OAU-153".equals(code)
        || "OAU-250".equals(code);
  }

  String describe() {
    StringBuilder text = new StringBuilder();
    if (code != null) {
      text.append(code).append(' ');
    }
    if (error != null) {
      text.append('(').append(error).append(") ");
    }
    text.append(message == null ? "no description" : message);
    return text.toString().trim();
  }
}
