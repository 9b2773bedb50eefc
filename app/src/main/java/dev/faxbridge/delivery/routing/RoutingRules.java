package dev.faxbridge.delivery.routing;

import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A tenant's routing rules. A rule names one destination and matches a fax by the number dialled
 * (its receiving number), by source (a provider name such as {@code ringcentral}, or a connection
 * id), or both; a rule with neither is a default. A fax goes to the destinations of every rule that
 * matches it; when none does, to those of the default rules; a tenant without any rule sends each
 * fax to all its enabled destinations.
 *
 * <p>Rule numbers are PHI: they are sealed like the ledger's ({@code to_number_sealed}, the rule's
 * id as associated data) and compared after opening, by their digits (see ADR 0017). A tenant has a
 * handful of rules, so opening them for each fax costs little.
 */
@Repository
public class RoutingRules {

  /** One rule; {@code number} opened (PHI: never log it), null for any number. */
  public record Rule(
      UUID id,
      TenantId tenantId,
      UUID destinationId,
      String number,
      String source,
      Instant createdAt) {

    public boolean isDefault() {
      return number == null && source == null;
    }

    @Override
    public String toString() {
      return "Rule[id=" + id + ", destination=" + destinationId + "]";
    }
  }

  /** The rule does not exist for this tenant. */
  public static final class UnknownRule extends RuntimeException {
    public UnknownRule(String id) {
      super("No routing rule '" + id + "' for this tenant");
    }
  }

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final Clock clock;

  RoutingRules(JdbcClient jdbc, SecretBox secrets, Clock clock) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * @param number the receiving number to match (any format; its digits count), or null
   * @param source a provider name or a connection id, or null
   * @throws IllegalArgumentException for a number without digits
   */
  public Rule create(TenantId tenant, UUID destination, String number, String source) {
    if (number != null && digits(number).length() < 3) {
      throw new IllegalArgumentException(
          "A rule's number needs at least 3 digits (E.164 such as +16505550199 is best)");
    }
    if (source != null && source.isBlank()) {
      throw new IllegalArgumentException("A rule's source is a provider name or a connection id");
    }
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into routing_rule (id, tenant_id, destination_id, to_number_sealed, source,
                created_at)
            values (:id, :tenant, :destination, :number, :source, :now)
            """)
        .param("id", id)
        .param("tenant", tenant.value())
        .param("destination", destination)
        .param("number", number == null ? null : secrets.seal(number, id.toString()))
        .param("source", source)
        .param("now", Timestamp.from(clock.instant()))
        .update();
    return find(tenant, id.toString()).orElseThrow();
  }

  public List<Rule> forTenant(TenantId tenant) {
    return jdbc.sql("select * from routing_rule where tenant_id = :tenant order by created_at, id")
        .param("tenant", tenant.value())
        .query(this::map)
        .list();
  }

  public Optional<Rule> find(TenantId tenant, String id) {
    UUID parsed;
    try {
      parsed = UUID.fromString(id);
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
    return jdbc.sql("select * from routing_rule where id = :id and tenant_id = :tenant")
        .param("id", parsed)
        .param("tenant", tenant.value())
        .query(this::map)
        .optional();
  }

  public boolean delete(UUID id) {
    return jdbc.sql("delete from routing_rule where id = :id").param("id", id).update() == 1;
  }

  /**
   * The destinations a fax goes to, in rule order, without repeats; only usable destinations.
   *
   * @param number the number dialled, or null when the platform does not say
   * @param sources what the fax's source is known as (a provider name, a connection id)
   */
  public List<UUID> destinationsFor(
      TenantId tenant, String number, Set<String> sources, List<TenantDestination> destinations) {
    Set<UUID> usable = new LinkedHashSet<>();
    destinations.stream().filter(TenantDestination::usable).forEach(d -> usable.add(d.id()));
    List<Rule> rules = forTenant(tenant);
    if (rules.isEmpty()) {
      return List.copyOf(usable);
    }
    String dialled = number == null ? null : digits(number);
    Set<UUID> matched = new LinkedHashSet<>();
    Set<UUID> defaults = new LinkedHashSet<>();
    for (Rule rule : rules) {
      if (rule.isDefault()) {
        defaults.add(rule.destinationId());
        continue;
      }
      boolean numberMatches =
          rule.number() == null || (dialled != null && dialled.equals(digits(rule.number())));
      boolean sourceMatches = rule.source() == null || sources.contains(rule.source());
      if (numberMatches && sourceMatches) {
        matched.add(rule.destinationId());
      }
    }
    Set<UUID> chosen = matched.isEmpty() ? defaults : matched;
    chosen.retainAll(usable);
    return List.copyOf(chosen);
  }

  static String digits(String number) {
    return number.replaceAll("[^0-9]", "");
  }

  private Rule map(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    byte[] sealed = rs.getBytes("to_number_sealed");
    return new Rule(
        id,
        new TenantId(rs.getObject("tenant_id", UUID.class)),
        rs.getObject("destination_id", UUID.class),
        sealed == null ? null : secrets.open(sealed, id.toString()),
        rs.getString("source"),
        rs.getTimestamp("created_at").toInstant());
  }
}
