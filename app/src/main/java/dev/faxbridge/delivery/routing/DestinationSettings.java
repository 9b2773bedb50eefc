package dev.faxbridge.delivery.routing;

import dev.faxbridge.delivery.DocumentSizeLimit;
import dev.faxbridge.delivery.fhir.FhirSettings;
import dev.faxbridge.delivery.folder.FolderSettings;
import dev.faxbridge.delivery.mdm.MdmSettings;
import dev.faxbridge.delivery.webhook.WebhookSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a stored destination's settings into its kind's settings record, and is the one check of
 * them: every problem is an {@link IllegalArgumentException} saying which setting is wrong and why
 * (the operator API answers it as a 400). The secret never appears in a message.
 *
 * <ul>
 *   <li>{@code folder}: {@code root} (required), {@code group}
 *   <li>{@code fhir}: {@code baseUrl} (required), {@code authentication} ({@code none}, {@code
 *       basic} with {@code username} and the password as the secret, {@code bearer} with the token
 *       as the secret), {@code identifierSystem}, {@code maxDocumentSize}, {@code timeoutSeconds}
 *   <li>{@code hl7-mllp}: {@code host} and {@code port} (required), {@code tls}, {@code
 *       timeoutSeconds}, {@code sendingApplication}, {@code sendingFacility}, {@code
 *       receivingApplication}, {@code receivingFacility}, {@code processingId}, {@code
 *       placeholderPatient} ({@code id}, {@code assigningAuthority}, {@code familyName}, {@code
 *       givenName}), {@code documentType}, {@code maxDocumentSize}
 *   <li>{@code webhook}: {@code url} (required), the HMAC secret as the secret (required), {@code
 *       timeoutSeconds}, {@code document} ({@code multipart} or {@code link})
 * </ul>
 */
public final class DestinationSettings {

  static final Map<DestinationKind, Set<String>> KNOWN =
      Map.of(
          DestinationKind.FOLDER,
          Set.of("root", "group"),
          DestinationKind.FHIR,
          Set.of(
              "baseUrl",
              "authentication",
              "username",
              "identifierSystem",
              "maxDocumentSize",
              "timeoutSeconds"),
          DestinationKind.HL7_MLLP,
          Set.of(
              "host",
              "port",
              "tls",
              "timeoutSeconds",
              "sendingApplication",
              "sendingFacility",
              "receivingApplication",
              "receivingFacility",
              "processingId",
              "placeholderPatient",
              "documentType",
              "maxDocumentSize"),
          DestinationKind.WEBHOOK,
          Set.of("url", "timeoutSeconds", "document"));

  private DestinationSettings() {}

  /**
   * Checks a destination's settings and secret as a whole.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void check(DestinationKind kind, Map<String, Object> settings, String secret) {
    Map<String, Object> values = settings == null ? Map.of() : settings;
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(KNOWN.get(kind));
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "Unknown setting '"
              + unknown.iterator().next()
              + "' for a "
              + kind.label()
              + " destination; known: "
              + String.join(", ", new TreeSet<>(KNOWN.get(kind))));
    }
    switch (kind) {
      case FOLDER -> {
        folder(values);
        noSecret(kind, secret);
      }
      case FHIR -> fhir(values, secret, null);
      case HL7_MLLP -> {
        mdm(values, null);
        noSecret(kind, secret);
      }
      case WEBHOOK -> webhook(values, secret, null);
    }
  }

  static FolderSettings folder(Map<String, Object> values) {
    String root = text(values, "root");
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("A folder destination needs a root (a directory path)");
    }
    try {
      return new FolderSettings(Path.of(root), text(values, "group"));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("The folder root is not a valid path: " + e.getReason());
    }
  }

  static FhirSettings fhir(Map<String, Object> values, String secret, String location) {
    URI base = url(values, "baseUrl", "A FHIR destination");
    String mode = text(values, "authentication");
    FhirSettings.Authentication authentication =
        switch (mode == null ? "none" : mode) {
          case "none" -> {
            if (secret != null) {
              throw new IllegalArgumentException(
                  "A FHIR destination without authentication takes no secret");
            }
            yield new FhirSettings.Authentication.None();
          }
          case "basic" -> {
            String username = text(values, "username");
            if (username == null || username.isBlank()) {
              throw new IllegalArgumentException(
                  "Basic authentication needs a username (setting 'username')");
            }
            if (secret == null || secret.isEmpty()) {
              throw new IllegalArgumentException(
                  "Basic authentication needs the password as the destination's secret");
            }
            yield new FhirSettings.Authentication.Basic(username, secret);
          }
          case "bearer" -> {
            if (secret == null || secret.isBlank()) {
              throw new IllegalArgumentException(
                  "Bearer authentication needs the token as the destination's secret");
            }
            yield new FhirSettings.Authentication.Bearer(secret);
          }
          default ->
              throw new IllegalArgumentException(
                  "authentication is 'none', 'basic' or 'bearer', was '" + mode + "'");
        };
    return new FhirSettings(
        base,
        authentication,
        text(values, "identifierSystem"),
        sizeLimit(values),
        timeout(values),
        location);
  }

  static MdmSettings mdm(Map<String, Object> values, String location) {
    String host = text(values, "host");
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("An hl7-mllp destination needs a host");
    }
    Integer port = number(values, "port");
    if (port == null) {
      throw new IllegalArgumentException("An hl7-mllp destination needs a port");
    }
    Boolean tls = flag(values, "tls");
    MdmSettings.PlaceholderPatient patient = null;
    Object placeholder = values.get("placeholderPatient");
    if (placeholder != null) {
      if (!(placeholder instanceof Map<?, ?> fields)) {
        throw new IllegalArgumentException(
            "placeholderPatient is an object with id, assigningAuthority, familyName, givenName");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> patientValues = (Map<String, Object>) fields;
      patient =
          new MdmSettings.PlaceholderPatient(
              text(patientValues, "id"),
              text(patientValues, "assigningAuthority"),
              text(patientValues, "familyName"),
              text(patientValues, "givenName"));
    }
    return new MdmSettings(
        host,
        port,
        tls != null && tls,
        timeout(values),
        text(values, "sendingApplication"),
        text(values, "sendingFacility"),
        text(values, "receivingApplication"),
        text(values, "receivingFacility"),
        text(values, "processingId"),
        patient,
        text(values, "documentType"),
        sizeLimit(values),
        location);
  }

  static WebhookSettings webhook(Map<String, Object> values, String secret, String location) {
    URI url = url(values, "url", "A webhook destination");
    String document = text(values, "document");
    if (document != null && !List.of("multipart", "link").contains(document)) {
      throw new IllegalArgumentException(
          "document is 'multipart' (the document in the request) or 'link' (a short-lived"
              + " signed download URL), was '"
              + document
              + "'");
    }
    return new WebhookSettings(url, secret, timeout(values), location, "link".equals(document));
  }

  private static void noSecret(DestinationKind kind, String secret) {
    if (secret != null) {
      throw new IllegalArgumentException("A " + kind.label() + " destination takes no secret");
    }
  }

  private static URI url(Map<String, Object> values, String key, String what) {
    String text = text(values, key);
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(what + " needs " + key + " (an http or https URL)");
    }
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(key + " is not a URL: " + e.getReason());
    }
    if (url.getHost() == null
        || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
      throw new IllegalArgumentException(
          key + " must be an absolute http or https URL with a host, was '" + text + "'");
    }
    return url;
  }

  private static DocumentSizeLimit sizeLimit(Map<String, Object> values) {
    Long bytes = wholeNumber(values, "maxDocumentSize");
    return bytes == null ? null : new DocumentSizeLimit(bytes);
  }

  private static Duration timeout(Map<String, Object> values) {
    Integer seconds = number(values, "timeoutSeconds");
    if (seconds == null) {
      return null;
    }
    if (seconds < 1 || seconds > 600) {
      throw new IllegalArgumentException("timeoutSeconds is 1 to 600, was " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  private static String text(Map<String, Object> values, String key) {
    Object value = values.get(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException("Setting '" + key + "' must be a string");
  }

  private static Integer number(Map<String, Object> values, String key) {
    Long value = wholeNumber(values, key);
    if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
      throw new IllegalArgumentException("Setting '" + key + "' is out of range");
    }
    return value == null ? null : value.intValue();
  }

  private static Long wholeNumber(Map<String, Object> values, String key) {
    Object value = values.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).longValue();
    }
    throw new IllegalArgumentException("Setting '" + key + "' must be a whole number");
  }

  private static Boolean flag(Map<String, Object> values, String key) {
    Object value = values.get(key);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw new IllegalArgumentException("Setting '" + key + "' must be true or false");
  }
}
