package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.connection.SourceOnboarding;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.sync.SyncSchedule;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants (clinics): create, list, read, edit, offboard; their connections and their ledger. A
 * tenant is named in paths by its id or its slug alike.
 */
@RestController
@RequestMapping("/api/tenants")
@Tag(name = "Tenants")
class TenantApi {

  static final String DEFAULT_PROVIDER = "ringcentral";

  private final Tenants tenants;
  private final Connections connections;
  private final ConnectionViews views;
  private final Map<String, SourceOnboarding> onboarding;
  private final SyncSchedule schedule;
  private final FaxLedger ledger;
  private final TenantOffboarding offboarding;
  private final AuditTrail audit;

  TenantApi(
      Tenants tenants,
      Connections connections,
      ConnectionViews views,
      List<SourceOnboarding> onboarding,
      SyncSchedule schedule,
      FaxLedger ledger,
      TenantOffboarding offboarding,
      AuditTrail audit) {
    this.tenants = tenants;
    this.connections = connections;
    this.views = views;
    this.onboarding =
        onboarding.stream()
            .collect(
                Collectors.toMap(
                    o -> o.provider().name().toLowerCase(Locale.ROOT), Function.identity()));
    this.schedule = schedule;
    this.ledger = ledger;
    this.offboarding = offboarding;
    this.audit = audit;
  }

  /**
   * @param slug 1 to 63 lower-case letters, digits and hyphens; made from the name when omitted
   * @param syncIntervalSeconds 5 to 86400; 60 when omitted
   */
  record NewTenant(String slug, String name, Integer syncIntervalSeconds) {}

  /** The fields to change; the others stay. The slug never changes (it names the folder). */
  record TenantChange(String name, Integer syncIntervalSeconds, String slug) {}

  record TenantView(
      String id,
      String slug,
      String name,
      long syncIntervalSeconds,
      Instant createdAt,
      Instant offboardedAt) {
    static TenantView of(Tenant tenant) {
      return new TenantView(
          tenant.id().toString(),
          tenant.slug(),
          tenant.name(),
          tenant.syncInterval().toSeconds(),
          tenant.createdAt(),
          tenant.offboardedAt());
    }
  }

  record OffboardingView(TenantView tenant, int connectionsSwitchedOff, int connectLinksRevoked) {}

  /**
   * @param provider {@code ringcentral} (the default) or {@code faxage}
   * @param jwt RingCentral: the clinic's JWT credential; never shown again
   * @param company Faxage: the company (account) number
   * @param username Faxage: the API user
   * @param password Faxage: the user's password; never shown again
   * @param acknowledgement Faxage: what is done at Faxage once a fax is delivered, {@code handled}
   *     (the default: marked handled) or {@code delete}
   */
  record NewConnection(
      String provider,
      String jwt,
      String company,
      String username,
      String password,
      String acknowledgement) {
    @Override
    public String toString() {
      return "NewConnection[provider=" + provider + "]";
    }

    Map<String, String> credentials() {
      Map<String, String> fields = new HashMap<>();
      putIfPresent(fields, "jwt", jwt);
      putIfPresent(fields, "company", company);
      putIfPresent(fields, "username", username);
      putIfPresent(fields, "password", password);
      putIfPresent(fields, "acknowledgement", acknowledgement);
      return fields;
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
      if (value != null) {
        fields.put(name, value);
      }
    }
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a tenant")
  @ApiResponse(responseCode = "201", description = "Created")
  @ApiResponse(responseCode = "409", description = "Another tenant has the slug")
  TenantView create(@RequestBody NewTenant request) {
    int seconds = request.syncIntervalSeconds() == null ? 60 : request.syncIntervalSeconds();
    Duration interval = Duration.ofSeconds(seconds);
    Tenant tenant =
        request.slug() == null
            ? tenants.createWithSlugFromName(request.name(), interval)
            : tenants.create(request.slug(), request.name(), interval);
    audit.record(
        AuditKind.TENANT_CREATED,
        AuditActor.current(),
        tenant.id().value(),
        null,
        null,
        Map.of("slug", tenant.slug()));
    return TenantView.of(tenant);
  }

  @GetMapping
  @Operation(
      summary = "List tenants by slug, a page at a time",
      description =
          "q: part of the slug or name; state: active, offboarded or needs-action (a connection"
              + " needs re-authorization); from/to: created in [from, to)")
  Paging.Page<TenantView> list(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    Boolean offboarded =
        switch (state == null ? "" : state) {
          case "" -> null;
          case "active" -> false;
          case "offboarded" -> true;
          case "needs-action" -> false;
          default ->
              throw new IllegalArgumentException(
                  "state is 'active', 'offboarded' or 'needs-action', was '" + state + "'");
        };
    int size = Paging.limit(limit);
    List<Tenant> rows =
        tenants.page(
            q == null || q.isBlank() ? null : q,
            offboarded,
            "needs-action".equals(state),
            Paging.instant("from", from),
            Paging.instant("to", to),
            Paging.position(cursor, "tenants"),
            size + 1);
    return Paging.page(rows, size, "tenants", Tenant::slug, TenantView::of);
  }

  @GetMapping("/{tenant}")
  @Operation(summary = "Read a tenant, by id or slug")
  TenantView get(@PathVariable String tenant) {
    return TenantView.of(tenants.resolve(tenant));
  }

  @PatchMapping("/{tenant}")
  @Operation(summary = "Change a tenant's name or sync interval")
  @ApiResponse(responseCode = "200", description = "Done")
  @ApiResponse(responseCode = "409", description = "The tenant was offboarded")
  TenantView edit(@PathVariable String tenant, @RequestBody TenantChange change) {
    Tenant before = served(tenants.resolve(tenant));
    if (change.slug() != null && !change.slug().equals(before.slug())) {
      throw new IllegalArgumentException(
          "A tenant's slug never changes: it names the tenant's delivery folder and its metrics");
    }
    Tenant after =
        tenants.update(
            before.id(),
            change.name(),
            change.syncIntervalSeconds() == null
                ? null
                : Duration.ofSeconds(change.syncIntervalSeconds()));
    Map<String, Object> detail = new LinkedHashMap<>();
    if (!after.name().equals(before.name())) {
      detail.put("name", "changed");
    }
    if (!after.syncInterval().equals(before.syncInterval())) {
      detail.put("syncIntervalSeconds", after.syncInterval().toSeconds());
    }
    audit.record(
        AuditKind.TENANT_UPDATED, AuditActor.current(), after.id().value(), null, null, detail);
    return TenantView.of(after);
  }

  @PostMapping("/{tenant}/offboarding")
  @Operation(
      summary = "Offboard a tenant",
      description =
          "Switches off every connection and wipes its credential and tokens, revokes open connect"
              + " links, deletes notification settings and unsent notifications, stops the"
              + " syncs; audited. The ledger and the audit trail stay until the retention purge.")
  @ApiResponse(responseCode = "200", description = "Done")
  @ApiResponse(responseCode = "409", description = "The tenant was offboarded already")
  OffboardingView offboard(@PathVariable String tenant) {
    TenantOffboarding.Offboarded done =
        offboarding.offboard(tenants.resolve(tenant), AuditActor.current());
    return new OffboardingView(
        TenantView.of(done.tenant()), done.connectionsSwitchedOff(), done.linksRevoked());
  }

  @PostMapping("/{tenant}/connections")
  @Operation(
      summary = "Connect a source: the clinic's RingCentral JWT credential or Faxage login",
      description =
          "201 with a new connection; 200 with the existing connection when the credential is of"
              + " an account (RingCentral account, Faxage company) this tenant is connected to"
              + " already: the new credential replaces the old one (a re-authorization), nothing is"
              + " created twice. A tenant may have a RingCentral and a Faxage connection at once.")
  @ApiResponse(responseCode = "201", description = "A new connection")
  @ApiResponse(responseCode = "200", description = "The existing connection, re-authorized")
  @ApiResponse(responseCode = "409", description = "The tenant was offboarded")
  @ApiResponse(responseCode = "422", description = "The provider refused the credential")
  ResponseEntity<ConnectionViews.ConnectionView> connect(
      @PathVariable String tenant, @RequestBody NewConnection request) {
    Tenant found = served(tenants.resolve(tenant));
    String provider = request.provider() == null ? DEFAULT_PROVIDER : request.provider();
    SourceOnboarding source = onboarding.get(provider);
    if (source == null) {
      throw new IllegalArgumentException(
          "Unknown provider '"
              + provider
              + "'; faxbridge connects to "
              + onboarding.keySet().stream().sorted().map(p -> "'" + p + "'").toList());
    }
    Set<ConnectionId> before =
        connections.forTenant(found.id()).stream()
            .map(ProviderConnection::id)
            .collect(Collectors.toSet());
    ProviderConnection connection =
        source.connect(found.id(), request.credentials(), AuditActor.current()).connection();
    schedule.schedule(connection.id());
    return ResponseEntity.status(
            before.contains(connection.id()) ? HttpStatus.OK : HttpStatus.CREATED)
        .body(views.of(connection));
  }

  @GetMapping("/{tenant}/connections")
  @Operation(summary = "The tenant's connections with their health")
  List<ConnectionViews.ConnectionView> connections(@PathVariable String tenant) {
    return connections.forTenant(tenants.resolve(tenant).id()).stream().map(views::of).toList();
  }

  @GetMapping("/{tenant}/faxes")
  @Operation(
      summary = "The tenant's ledger, newest first, a page at a time",
      description =
          "state: a fax state; from/to: received in [from, to); source: a connection id."
              + " Phone numbers masked.")
  Paging.Page<FaxView> faxes(
      @PathVariable String tenant,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    Tenant found = tenants.resolve(tenant);
    UUID connection = Paging.uuid("source", source);
    FaxLedger.Filter filter =
        new FaxLedger.Filter(
            found.id(),
            FaxView.state(state),
            connection == null ? null : new ConnectionId(connection),
            Paging.instant("from", from),
            Paging.instant("to", to));
    return FaxView.page(ledger, filter, cursor, limit, "faxes");
  }

  /** The tenant, unless it was offboarded (then {@link Tenants.TenantOffboarded}, a 409). */
  static Tenant served(Tenant tenant) {
    if (tenant.isOffboarded()) {
      throw new Tenants.TenantOffboarded(tenant);
    }
    return tenant;
  }
}
