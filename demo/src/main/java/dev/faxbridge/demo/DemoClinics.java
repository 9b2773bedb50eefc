package dev.faxbridge.demo;

import dev.faxbridge.admin.DemoOperator;
import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectSettings;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.connection.SourceOnboarding;
import dev.faxbridge.delivery.folder.FolderSettings;
import dev.faxbridge.delivery.routing.DestinationKind;
import dev.faxbridge.delivery.routing.TenantDestinations;
import dev.faxbridge.emulator.Account;
import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.ExtensionSpec;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.RingCentralEmulator;
import dev.faxbridge.emulator.faxage.FaxageEmulator;
import dev.faxbridge.provider.ringcentral.RingCentralOnboarding;
import dev.faxbridge.sync.SyncSchedule;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sets up the demo clinics on first start (a tenant; an emulated RingCentral account with two fax
 * mailboxes and a JWT connection, or an emulated Faxage company and a login connection, or both for
 * a clinic in mid-migration; each connection made through the onboarding an operator uses), then
 * has one of them receive a fax every few seconds, from one of its sources. On a restart it first
 * delivers the faxes the RingCentral clinics "received" while faxbridge was down, dated in that gap
 * (the emulated Faxage keeps nothing across restarts; its login is created again).
 */
@Component
@ConditionalOnProperty(name = "faxbridge.demo.enabled", havingValue = "true")
class DemoClinics implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DemoClinics.class);
  private static final String ACTOR = "demo";

  private final RingCentralEmulator emulator;
  private final ClientApp app;
  private final Tenants tenants;
  private final Connections connections;
  private final RingCentralOnboarding onboarding;
  private final FaxageEmulator faxage;
  private final SourceOnboarding faxageOnboarding;
  private final SyncSchedule schedule;
  private final AuditTrail audit;
  private final DemoSettings settings;
  private final FolderSettings folder;
  private final DemoOperator operator;
  private final ConnectSettings connect;
  private final TenantDestinations destinations;
  private final Clock clock;
  private final ScheduledExecutorService pump =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "demo-faxes");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * A demo clinic's emulated sources: a RingCentral account and the mailboxes faxes go to (null and
   * empty when on Faxage only), and a Faxage company (null when on RingCentral only).
   */
  private record DemoClinic(
      String slug, String accountId, List<String> mailboxIds, String faxageCompany) {}

  DemoClinics(
      RingCentralEmulator emulator,
      ClientApp app,
      Tenants tenants,
      Connections connections,
      RingCentralOnboarding onboarding,
      FaxageEmulator faxage,
      List<SourceOnboarding> sources,
      SyncSchedule schedule,
      AuditTrail audit,
      DemoSettings settings,
      FolderSettings folder,
      DemoOperator operator,
      ConnectSettings connect,
      TenantDestinations destinations,
      Clock clock) {
    this.emulator = emulator;
    this.app = app;
    this.tenants = tenants;
    this.connections = connections;
    this.onboarding = onboarding;
    this.faxage = faxage;
    this.faxageOnboarding =
        sources.stream()
            .filter(source -> source.provider() == Provider.FAXAGE)
            .findFirst()
            .orElseThrow();
    this.schedule = schedule;
    this.audit = audit;
    this.settings = settings;
    this.folder = folder;
    this.operator = operator;
    this.connect = connect;
    this.destinations = destinations;
    this.clock = clock;
  }

  @EventListener
  void start(ApplicationReadyEvent ready) {
    List<DemoClinic> clinics = new ArrayList<>();
    for (String name : settings.clinics()) {
      clinics.add(setUp(name));
    }
    catchUp(clinics);
    long everyMillis = settings.faxEvery().toMillis();
    pump.scheduleWithFixedDelay(
        () -> receiveOneFax(clinics), everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    DemoOperator.Credentials operator = this.operator.credentials();
    String base = connect.publicUrl().toString().replaceAll("/$", "");
    // On the console, not into the log: the banner carries the demo operator's credentials.
    System.out.println(
        """

        ================================================================================
         faxbridge demo is running
           %d demo clinics; one of them receives a fax every %d s
           on RingCentral: %s; on Faxage: %s; moving from Faxage to RingCentral: %s
           (each sidecar names its source: "provider": "ringcentral" or "faxage")
           delivered faxes:  %s/<clinic>/<date>/  (a .pdf and its .json sidecar each)
           %s's faxes also go to the demo FHIR server:
             curl -H 'Authorization: Bearer <API token>' %s/demo-fhir/DocumentReference

         Operator console:   %s/console
           Sign in with the user name and password below.

         Operator credentials (one account; kept in %s):
           user name: %s
           password:  %s
                      for the console's sign-in, and the API with HTTP Basic
           API token: %s
                      for the API and scripts: Authorization: Bearer <token>
           e.g. curl -H 'Authorization: Bearer %s' %s/api/tenants

         Health:             %s/actuator/health
         Emulated RingCentral: %s (media %s); connect links come back to %s/connect/callback
         Emulated Faxage:      %s
         Stop with Ctrl-C (or kill -9); start again and nothing is lost or delivered twice.
        ================================================================================
        """
            .formatted(
                clinics.size(),
                settings.faxEvery().toSeconds(),
                names(clinics, c -> c.faxageCompany() == null),
                names(clinics, c -> c.accountId() == null),
                names(clinics, c -> c.accountId() != null && c.faxageCompany() != null),
                folder.root().toAbsolutePath().normalize(),
                settings.fhirClinic().isBlank() ? "No clinic" : settings.fhirClinic(),
                base,
                base,
                settings
                    .stateDirectory()
                    .resolve("operator-credentials")
                    .toAbsolutePath()
                    .normalize(),
                operator.username(),
                operator.password(),
                operator.apiToken(),
                operator.apiToken(),
                base,
                base,
                emulator.platformUrl(),
                emulator.mediaUrl(),
                base,
                faxage.endpointUrl()));
  }

  private DemoClinic setUp(String name) {
    String slug = slug(name);
    Tenant tenant =
        tenants
            .findBySlug(slug)
            .orElseGet(
                () -> {
                  Tenant created = tenants.create(slug, name, settings.syncInterval());
                  audit.record(
                      AuditKind.TENANT_CREATED,
                      ACTOR,
                      created.id().value(),
                      null,
                      null,
                      Map.of("slug", slug));
                  return created;
                });
    List<ProviderConnection> existing = connections.forTenant(tenant.id());
    boolean onFaxage =
        settings.faxageClinics().contains(name) || settings.migratingClinics().contains(name);
    boolean onRingCentral = !settings.faxageClinics().contains(name);
    String accountId = null;
    List<String> mailboxes = List.of();
    if (onRingCentral) {
      accountId =
          existing.stream()
              .filter(c -> c.provider() == Provider.RINGCENTRAL)
              .map(ProviderConnection::externalAccountId)
              .findFirst()
              .orElseGet(() -> connectRingCentral(tenant, name));
      mailboxes = emulator.extensions(accountId).stream().map(extension -> extension.id()).toList();
    }
    String company = null;
    if (onFaxage) {
      company = connectFaxage(tenant, slug);
    }
    if (name.equals(settings.fhirClinic()) && destinations.forTenant(tenant.id()).isEmpty()) {
      toFolderAndFhir(tenant);
    }
    return new DemoClinic(slug, accountId, mailboxes, company);
  }

  private String connectRingCentral(Tenant tenant, String name) {
    Account account = emulator.createAccount(name);
    emulator.createExtension(account.id(), ExtensionSpec.faxUser("Front desk fax", "201"));
    emulator.createExtension(account.id(), ExtensionSpec.department("Referrals", "301"));
    String jwt =
        emulator.issueJwtCredential(account.id(), account.ownerExtensionId(), app.clientId());
    ProviderConnection connection = onboarding.connectWithJwt(tenant.id(), jwt, ACTOR);
    schedule.schedule(connection.id());
    return account.id();
  }

  /**
   * The clinic's Faxage company (a number made from its slug) with a login, created in the emulator
   * at every start; connected once, through the operator's onboarding.
   */
  private String connectFaxage(Tenant tenant, String slug) {
    String company = Integer.toString(40_000 + Math.floorMod(slug.hashCode(), 50_000));
    String password = "demo-faxage-" + company;
    faxage.createAccount(company, "faxbridge", password);
    boolean connected =
        connections.findByAccount(tenant.id(), Provider.FAXAGE, company).isPresent();
    if (!connected) {
      ProviderConnection connection =
          faxageOnboarding
              .connect(
                  tenant.id(),
                  Map.of("company", company, "username", "faxbridge", "password", password),
                  ACTOR)
              .connection();
      schedule.schedule(connection.id());
    }
    return company;
  }

  private static String names(List<DemoClinic> clinics, Predicate<DemoClinic> which) {
    List<String> names = clinics.stream().filter(which).map(DemoClinic::slug).toList();
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  /**
   * The FHIR demo clinic gets two destinations of its own, as an operator would add them: its
   * folder (where the global folder would have put its faxes) and the in-process FHIR server,
   * authenticated with the demo operator's API token. Without routing rules each fax goes to both.
   */
  private void toFolderAndFhir(Tenant tenant) {
    String base = connect.publicUrl().toString().replaceAll("/$", "");
    destinations.create(
        tenant.id(),
        "folder",
        DestinationKind.FOLDER,
        "Front desk",
        Map.of("root", folder.root().toString()),
        null,
        ACTOR);
    destinations.create(
        tenant.id(),
        "demo-fhir",
        DestinationKind.FHIR,
        "Cardiology",
        Map.of("baseUrl", base + DemoFhirServer.PATH, "authentication", "bearer"),
        operator.credentials().apiToken(),
        ACTOR);
  }

  /**
   * Faxes "received" while faxbridge was down: for each clinic, one per fax interval of the gap
   * since its newest fax, at most three, dated inside the gap.
   */
  private void catchUp(List<DemoClinic> clinics) {
    Instant now = clock.instant();
    for (DemoClinic clinic : clinics) {
      if (clinic.accountId() == null) {
        continue;
      }
      Instant newest = emulator.newestFaxTime(clinic.accountId()).orElse(now);
      Duration gap = Duration.between(newest, now);
      long missed = Math.min(3, gap.toMillis() / Math.max(1, settings.faxEvery().toMillis()));
      for (long i = 1; i <= missed; i++) {
        Instant at = newest.plus(gap.multipliedBy(i).dividedBy(missed + 1));
        deliver(clinic, at);
      }
      if (missed > 0) {
        log.info(
            "Demo clinic {} received {} faxes while faxbridge was down", clinic.slug(), missed);
      }
    }
  }

  private void receiveOneFax(List<DemoClinic> clinics) {
    try {
      deliver(clinics.get(ThreadLocalRandom.current().nextInt(clinics.size())), null);
    } catch (RuntimeException e) {
      log.warn("Demo fax could not be delivered into the emulator: {}", e.getMessage());
    }
  }

  private void deliver(DemoClinic clinic, Instant at) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (clinic.faxageCompany() != null && (clinic.accountId() == null || random.nextBoolean())) {
      String from = "+1555" + (1000000 + random.nextInt(8999999));
      faxage.deliverFax(
          clinic.faxageCompany(),
          InboundFaxSpec.of(from, "+15550200" + (10 + random.nextInt(89)), 1 + random.nextInt(5)));
      return;
    }
    String mailbox = clinic.mailboxIds().get(random.nextInt(clinic.mailboxIds().size()));
    String from = "+1555" + (1000000 + random.nextInt(8999999));
    InboundFaxSpec fax =
        InboundFaxSpec.of(from, "+15550100" + (10 + random.nextInt(89)), 1 + random.nextInt(5));
    emulator.deliverFax(clinic.accountId(), mailbox, at == null ? fax : fax.receivedAt(at));
  }

  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  @Override
  public void destroy() {
    pump.shutdownNow();
  }
}
