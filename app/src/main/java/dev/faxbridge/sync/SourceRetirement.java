package dev.faxbridge.sync;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.provider.FaxProvider;
import dev.faxbridge.provider.ProviderException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Retires a source the clinic has moved away from, only after a final drain proves nothing of it is
 * left: the provider is asked live which faxes it still holds as not taken (Faxage: unhandled), and
 * the ledger must hold none of the connection's faxes undelivered, given up, or owing their
 * acknowledgement. Then its credential is wiped, its sync is stopped, and the audit trail says who
 * retired it. A refusal changes nothing and says why, in numbers and ids (never phone numbers).
 */
@Component
public class SourceRetirement {

  private final Connections connections;
  private final FaxLedger ledger;
  private final Map<Provider, FaxProvider> providers;
  private final SyncSchedule schedule;
  private final AuditTrail audit;
  private final Clock clock;

  SourceRetirement(
      Connections connections,
      FaxLedger ledger,
      List<FaxProvider> providers,
      SyncSchedule schedule,
      AuditTrail audit,
      Clock clock) {
    this.connections = connections;
    this.ledger = ledger;
    this.providers =
        providers.stream().collect(Collectors.toMap(FaxProvider::provider, Function.identity()));
    this.schedule = schedule;
    this.audit = audit;
    this.clock = clock;
  }

  /** The source was not retired, and why; {@code facts} are counts and ids for the operator. */
  public static final class NotDrained extends RuntimeException {
    private final Map<String, Object> facts;

    NotDrained(String message, Map<String, Object> facts) {
      super(message);
      this.facts = Map.copyOf(facts);
    }

    public Map<String, Object> facts() {
      return facts;
    }
  }

  /**
   * Retires the connection after its final drain.
   *
   * @return when it was retired
   * @throws NotDrained when something of it is left, or it cannot be proven
   */
  public Instant retire(ProviderConnection connection, String actor) {
    if (connections.retiredAt(connection.id()).isPresent()) {
      throw refused(
          connection,
          actor,
          "Connection " + connection.id() + " was retired already",
          Map.of("reason", "retired-already"));
    }
    FaxProvider provider = providers.get(connection.provider());
    String source = connection.provider().name().toLowerCase(Locale.ROOT);
    if (!connection.isActive()) {
      throw refused(
          connection,
          actor,
          "Connection "
              + connection.id()
              + " is "
              + connection.status()
              + ": faxbridge cannot ask "
              + source
              + " what is left. Re-authorize it, let it drain, then retire it.",
          Map.of("reason", "not-active", "status", connection.status().name()));
    }
    Optional<List<String>> pending;
    try {
      pending = provider.pendingAtSource(connection);
    } catch (ProviderException failure) {
      throw refused(
          connection,
          actor,
          "The final drain could not ask " + source + " what is left: " + failure.getMessage(),
          Map.of("reason", "source-unavailable"));
    }
    if (pending.isEmpty()) {
      throw refused(
          connection,
          actor,
          "A "
              + source
              + " connection cannot prove a drain (the provider keeps no queue of faxes not yet"
              + " taken); remove it instead once its faxes are delivered",
          Map.of("reason", "no-drain-proof"));
    }
    FaxLedger.Unfinished unfinished = ledger.unfinished(connection.id());
    if (!pending.get().isEmpty() || !unfinished.none()) {
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("reason", "not-drained");
      facts.put("unhandledAtSource", pending.get().size());
      facts.put("unhandledIds", pending.get().stream().limit(20).toList());
      facts.put("undelivered", unfinished.undelivered());
      facts.put("deadLetters", unfinished.abandoned());
      facts.put("acknowledgementsOwed", unfinished.acknowledgementsOwed());
      throw refused(
          connection,
          actor,
          "Not drained: "
              + pending.get().size()
              + " faxes still unhandled at "
              + source
              + ", "
              + unfinished.undelivered()
              + " not yet delivered, "
              + unfinished.abandoned()
              + " dead letters, "
              + unfinished.acknowledgementsOwed()
              + " acknowledgements owed. Sync the connection, settle its dead letters, and retire"
              + " it again once all are zero.",
          facts);
    }
    Instant at = clock.instant();
    if (!connections.retire(connection.id(), at)) {
      throw refused(
          connection,
          actor,
          "Connection " + connection.id() + " was retired already",
          Map.of("reason", "retired-already"));
    }
    schedule.unschedule(connection.id());
    audit.record(
        AuditKind.CONNECTION_RETIRED,
        actor,
        connection.tenantId().value(),
        connection.id().value(),
        null,
        Map.of("provider", source, "accountId", String.valueOf(connection.externalAccountId())));
    return at;
  }

  private NotDrained refused(
      ProviderConnection connection, String actor, String message, Map<String, Object> facts) {
    audit.record(
        AuditKind.CONNECTION_RETIREMENT_REFUSED,
        actor,
        connection.tenantId().value(),
        connection.id().value(),
        null,
        Map.of("reason", facts.get("reason")));
    return new NotDrained(message, facts);
  }
}
