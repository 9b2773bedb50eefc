package dev.faxbridge.delivery.routing;

import dev.faxbridge.delivery.Destination;
import dev.faxbridge.delivery.fhir.FhirDestination;
import dev.faxbridge.delivery.folder.FolderDestination;
import dev.faxbridge.delivery.mdm.MdmDestination;
import dev.faxbridge.delivery.webhook.DocumentLinks;
import dev.faxbridge.delivery.webhook.WebhookDestination;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Builds the destination object of a stored destination, once per version of its row: a FHIR
 * destination holds a client, so it is kept while the row does not change.
 */
@Component
public class DestinationFactory {

  private record Built(Instant version, Destination destination) {}

  private final Clock clock;
  private final DocumentLinks links;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(30))
          .build();
  private final Map<UUID, Built> built = new ConcurrentHashMap<>();

  DestinationFactory(Clock clock, DocumentLinks links) {
    this.clock = clock;
    this.links = links;
  }

  /**
   * @throws IllegalArgumentException when the stored settings are no longer valid (they were
   *     checked when written, so only after a secret was wiped)
   */
  public Destination of(TenantDestination stored) {
    Built current = built.get(stored.id());
    if (current != null && current.version().equals(stored.updatedAt())) {
      return current.destination();
    }
    Destination destination = build(stored);
    built.put(stored.id(), new Built(stored.updatedAt(), destination));
    return destination;
  }

  private Destination build(TenantDestination stored) {
    Map<String, Object> values = stored.settings();
    return switch (stored.kind()) {
      case FOLDER -> new FolderDestination(DestinationSettings.folder(values), stored.location());
      case FHIR ->
          new FhirDestination(DestinationSettings.fhir(values, stored.secret(), stored.location()));
      case HL7_MLLP ->
          new MdmDestination(DestinationSettings.mdm(values, stored.location()), clock);
      case WEBHOOK ->
          new WebhookDestination(
              DestinationSettings.webhook(values, stored.secret(), stored.location()),
              http,
              clock,
              links);
    };
  }
}
