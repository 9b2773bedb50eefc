package dev.faxbridge.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error answer of the platform, thrown by endpoint code and rendered by the dispatcher.
 *
 * <p>Two body shapes exist on the real platform: the OAuth shape ({@code error}, {@code
 * error_description}, {@code errors[]}) at {@code /restapi/oauth/*}, and the API shape ({@code
 * errorCode}, {@code message}, {@code errors[]}) everywhere else.
 */
final class PlatformError extends RuntimeException {

  private final int status;
  private final ObjectNode body;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private PlatformError(int status, ObjectNode body, String message) {
    super(message, null, false, false);
    this.status = status;
    this.body = body;
  }

  /** OAuth shape, e.g. {@code oauth(400, "invalid_grant", "OAU-210", "Token expired")}. */
  static PlatformError oauth(int status, String error, String code, String message) {
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put("error_description", message);
    detail(body, code, message);
    return new PlatformError(status, body, code + " " + message);
  }

  /**
   * API shape, e.g. {@code api(404, "CMN-102", "Resource for parameter [messageId] is not found")}.
   */
  static PlatformError api(int status, String code, String message) {
    return api(status, code, code, message);
  }

  /**
   * API shape whose top-level code differs from the detailed one, as for token failures: {@code
   * {"errorCode":"TokenExpired","errors":[{"errorCode":"OAU-213"}]}}.
   */
  static PlatformError api(int status, String topCode, String code, String message) {
    ObjectNode body = apiBody(topCode, message);
    detail(body, code, message);
    return new PlatformError(status, body, code + " " + message);
  }

  static PlatformError notFound(String parameter) {
    return parameterError(
        404, "CMN-102", "Resource for parameter [" + parameter + "] is not found", parameter);
  }

  static PlatformError invalidParameter(String parameter) {
    return parameterError(
        400, "CMN-101", "Parameter [" + parameter + "] value is invalid.", parameter);
  }

  /** The platform's body for an error about one request parameter, which it names. */
  private static PlatformError parameterError(
      int status, String code, String message, String parameter) {
    ObjectNode body = apiBody(code, message);
    detail(body, code, message).put("parameterName", parameter);
    return new PlatformError(status, body, code + " " + message);
  }

  /** The API's body: a top-level code and message, the details to follow. */
  private static ObjectNode apiBody(String topCode, String message) {
    ObjectNode body = Json.object();
    body.put("errorCode", topCode);
    body.put("message", message);
    return body;
  }

  /** Adds to {@code body} the one detailed error the platform lists; its entry, for more fields. */
  private static ObjectNode detail(ObjectNode body, String code, String message) {
    ObjectNode entry = body.putArray("errors").addObject();
    entry.put("errorCode", code);
    entry.put("message", message);
    return entry;
  }

  PlatformError withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  int status() {
    return status;
  }

  ObjectNode body() {
    return body;
  }

  Map<String, String> headers() {
    return headers;
  }
}
