package dev.faxbridge.delivery.routing;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of destination a tenant can have, by the name the API and the database use. */
public enum DestinationKind {
  FOLDER("folder"),
  FHIR("fhir"),
  HL7_MLLP("hl7-mllp"),
  WEBHOOK("webhook");

  private final String label;

  DestinationKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * @throws IllegalArgumentException naming the known kinds
   */
  public static DestinationKind of(String label) {
    for (DestinationKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        (label == null ? "A destination needs a kind" : "Unknown destination kind '" + label + "'")
            + "; one of "
            + Arrays.stream(values())
                .map(DestinationKind::label)
                .collect(Collectors.joining(", ")));
  }
}
