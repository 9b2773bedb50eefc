package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.delivery.routing.DestinationKind;
import dev.faxbridge.delivery.routing.RoutingRules;
import dev.faxbridge.delivery.routing.TenantDestination;
import dev.faxbridge.delivery.routing.TenantDestinations;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's destinations and routing rules (see {@code docs/destinations.md}). Secrets are
 * written, never answered: an answer says only whether one is set. Rule numbers are answered
 * masked. Every change is audited without secrets or numbers.
 */
@RestController
@RequestMapping("/api/tenants/{tenant}")
@Tag(name = "Destinations")
class DestinationApi {

  private final Tenants tenants;
  private final TenantDestinations destinations;
  private final RoutingRules rules;
  private final AuditTrail audit;

  DestinationApi(
      Tenants tenants, TenantDestinations destinations, RoutingRules rules, AuditTrail audit) {
    this.tenants = tenants;
    this.destinations = destinations;
    this.rules = rules;
    this.audit = audit;
  }

  /**
   * @param name 1 to 63 lower-case letters, digits and hyphens, unique in the tenant
   * @param kind {@code folder}, {@code fhir}, {@code hl7-mllp} or {@code webhook}
   * @param location the location label carried into every message, or null
   * @param settings the kind's settings (see docs/destinations.md)
   * @param secret the basic-auth password, bearer token or webhook secret; never shown again
   */
  record NewDestination(
      String name, String kind, String location, Map<String, Object> settings, String secret) {
    @Override
    public String toString() {
      return "NewDestination[name=" + name + ", kind=" + kind + "]";
    }
  }

  /**
   * The fields to change; the others stay. {@code settings} replaces the settings as a whole.
   *
   * @param clearSecret true removes the secret (for settings that need none)
   * @param enabled false switches the destination off: no new fax is routed to it, its pending
   *     deliveries wait
   */
  record DestinationChange(
      String name,
      String location,
      Map<String, Object> settings,
      String secret,
      Boolean clearSecret,
      Boolean enabled) {
    @Override
    public String toString() {
      return "DestinationChange[name=" + name + "]";
    }
  }

  /**
   * @param secretSet whether a secret is stored (it is never answered)
   */
  record DestinationView(
      String id,
      String name,
      String kind,
      String location,
      Map<String, Object> settings,
      boolean secretSet,
      boolean enabled,
      Instant createdAt,
      Instant updatedAt) {
    static DestinationView of(TenantDestination d) {
      return new DestinationView(
          d.id().toString(),
          d.name(),
          d.kind().label(),
          d.location(),
          d.settings(),
          d.secret() != null,
          d.enabled(),
          d.createdAt(),
          d.updatedAt());
    }
  }

  /**
   * @param destinationId the destination the matching faxes go to
   * @param number the receiving number (the number dialled) to match, or null for any
   * @param source a provider name ({@code ringcentral}) or a connection id, or null for any
   */
  record NewRule(String destinationId, String number, String source) {
    @Override
    public String toString() {
      return "NewRule[destinationId=" + destinationId + "]";
    }
  }

  /**
   * @param number the rule's number masked to its last two digits, or null
   * @param isDefault true for a rule with neither number nor source
   */
  record RuleView(
      String id,
      String destinationId,
      String number,
      String source,
      boolean isDefault,
      Instant createdAt) {
    static RuleView of(RoutingRules.Rule rule) {
      return new RuleView(
          rule.id().toString(),
          rule.destinationId().toString(),
          FaxView.mask(rule.number()),
          rule.source(),
          rule.isDefault(),
          rule.createdAt());
    }
  }

  @PostMapping("/destinations")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Add a destination to a tenant",
      description =
          "Once a tenant has a destination, its faxes go to the destinations its routing rules"
              + " name instead of the global folder. 400 names the wrong setting.")
  @ApiResponse(responseCode = "201", description = "Created")
  @ApiResponse(responseCode = "409", description = "The name is taken, or the tenant offboarded")
  DestinationView create(@PathVariable String tenant, @RequestBody NewDestination request) {
    Tenant found = TenantApi.served(tenants.resolve(tenant));
    TenantDestination created =
        destinations.create(
            found.id(),
            request.name(),
            DestinationKind.of(request.kind()),
            request.location(),
            request.settings(),
            request.secret(),
            AuditActor.current());
    return DestinationView.of(created);
  }

  @GetMapping("/destinations")
  @Operation(summary = "The tenant's destinations, by name (removed ones are not listed)")
  List<DestinationView> list(@PathVariable String tenant) {
    return destinations.forTenant(tenants.resolve(tenant).id()).stream()
        .map(DestinationView::of)
        .toList();
  }

  @GetMapping("/destinations/{destinationId}")
  @Operation(summary = "Read a destination (its secret is never answered)")
  DestinationView get(@PathVariable String tenant, @PathVariable String destinationId) {
    return DestinationView.of(live(tenants.resolve(tenant), destinationId));
  }

  @PatchMapping("/destinations/{destinationId}")
  @Operation(summary = "Change a destination's name, location, settings, secret or switch")
  @ApiResponse(responseCode = "200", description = "Done")
  @ApiResponse(responseCode = "409", description = "The name is taken, or the tenant offboarded")
  DestinationView edit(
      @PathVariable String tenant,
      @PathVariable String destinationId,
      @RequestBody DestinationChange change) {
    Tenant found = TenantApi.served(tenants.resolve(tenant));
    TenantDestination before = live(found, destinationId);
    TenantDestination after =
        destinations.update(
            before,
            change.name(),
            change.location(),
            change.settings(),
            change.secret(),
            Boolean.TRUE.equals(change.clearSecret()),
            change.enabled(),
            AuditActor.current());
    return DestinationView.of(after);
  }

  @DeleteMapping("/destinations/{destinationId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Remove a destination",
      description =
          "Its secret is wiped and the rules naming it deleted; faxes still pending for it give"
              + " it up (a dead letter for that destination) at their next attempt. Audited.")
  @ApiResponse(responseCode = "204", description = "Removed")
  void remove(@PathVariable String tenant, @PathVariable String destinationId) {
    Tenant found = tenants.resolve(tenant);
    destinations.remove(live(found, destinationId), AuditActor.current());
  }

  @PostMapping("/routing-rules")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Add a routing rule",
      description =
          "A fax goes to the destinations of every rule matching its receiving number and source;"
              + " when none matches, to those of the default rules (no number, no source).")
  @ApiResponse(responseCode = "201", description = "Created")
  @ApiResponse(responseCode = "409", description = "The tenant was offboarded")
  RuleView createRule(@PathVariable String tenant, @RequestBody NewRule request) {
    Tenant found = TenantApi.served(tenants.resolve(tenant));
    if (request.destinationId() == null) {
      throw new IllegalArgumentException("A rule needs a destinationId");
    }
    TenantDestination destination =
        destinations
            .find(found.id(), request.destinationId())
            .filter(d -> d.removedAt() == null)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "destinationId '"
                            + request.destinationId()
                            + "' is not a destination of this tenant"));
    RoutingRules.Rule rule =
        rules.create(found.id(), destination.id(), request.number(), request.source());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("ruleId", rule.id().toString());
    detail.put("destinationId", destination.id().toString());
    detail.put("byNumber", rule.number() != null);
    detail.put("source", rule.source() == null ? "any" : rule.source());
    audit.record(
        AuditKind.ROUTING_RULE_CREATED,
        AuditActor.current(),
        found.id().value(),
        null,
        null,
        detail);
    return RuleView.of(rule);
  }

  @GetMapping("/routing-rules")
  @Operation(summary = "The tenant's routing rules, numbers masked")
  List<RuleView> rules(@PathVariable String tenant) {
    return rules.forTenant(tenants.resolve(tenant).id()).stream().map(RuleView::of).toList();
  }

  @DeleteMapping("/routing-rules/{ruleId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a routing rule; faxes routed already keep their destinations")
  @ApiResponse(responseCode = "204", description = "Deleted")
  void deleteRule(@PathVariable String tenant, @PathVariable String ruleId) {
    Tenant found = tenants.resolve(tenant);
    RoutingRules.Rule rule =
        rules.find(found.id(), ruleId).orElseThrow(() -> new RoutingRules.UnknownRule(ruleId));
    rules.delete(rule.id());
    audit.record(
        AuditKind.ROUTING_RULE_DELETED,
        AuditActor.current(),
        found.id().value(),
        null,
        null,
        Map.of("ruleId", rule.id().toString()));
  }

  private TenantDestination live(Tenant tenant, String destinationId) {
    return destinations
        .find(tenant.id(), destinationId)
        .filter(d -> d.removedAt() == null)
        .orElseThrow(() -> new TenantDestinations.UnknownDestination(destinationId));
  }
}
