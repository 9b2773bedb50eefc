package dev.faxbridge.admin;

import java.util.Map;

/**
 * The request clashes with what exists (a duplicate, or a state that forbids it): answered 409 with
 * problem details by {@link ApiErrors}. {@code properties} become extra members of the answer, say
 * the id of the existing item; ids only, never PHI or a secret.
 */
public final class Conflict extends RuntimeException {

  private final Map<String, String> properties;

  public Conflict(String message) {
    this(message, Map.of());
  }

  public Conflict(String message, Map<String, String> properties) {
    super(message);
    this.properties = Map.copyOf(properties);
  }

  Map<String, String> properties() {
    return properties;
  }
}
