package dev.faxbridge.demo;

import dev.faxbridge.admin.DemoOperator;
import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectSettings;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.delivery.folder.FolderSettings;
import dev.faxbridge.delivery.routing.DestinationKind;
import dev.faxbridge.delivery.routing.TenantDestinations;
import dev.faxbridge.emulator.Account;
import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.ExtensionSpec;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.RingCentralEmulator;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sets up the demo clinics on first start (a tenant, an emulated RingCentral account with two fax
 * mailboxes, a JWT connection made through the same onboarding an operator uses), then has one of
 * them receive a fax every few seconds. On a restart it first delivers the faxes the clinics
 * "received" while faxbridge was down, dated in that gap.
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

  /** A demo clinic's emulated account and the mailboxes faxes go to. */
  private record DemoClinic(String slug, String accountId, List<String> mailboxIds) {}

  DemoClinics(
      RingCentralEmulator emulator,
      ClientApp app,
      Tenants tenants,
      Connections connections,
      RingCentralOnboarding onboarding,
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
         Stop with Ctrl-C (or kill -9); start again and nothing is lost or delivered twice.
        ================================================================================
        """
            .formatted(
                clinics.size(),
                settings.faxEvery().toSeconds(),
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
                base));
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
    String accountId;
    if (existing.isEmpty()) {
      Account account = emulator.createAccount(name);
      emulator.createExtension(account.id(), ExtensionSpec.faxUser("Front desk fax", "201"));
      emulator.createExtension(account.id(), ExtensionSpec.department("Referrals", "301"));
      String jwt =
          emulator.issueJwtCredential(account.id(), account.ownerExtensionId(), app.clientId());
      ProviderConnection connection = onboarding.connectWithJwt(tenant.id(), jwt, ACTOR);
      schedule.schedule(connection.id());
      accountId = account.id();
    } else {
      accountId = existing.get(0).externalAccountId();
    }
    List<String> mailboxes =
        emulator.extensions(accountId).stream().map(extension -> extension.id()).toList();
    if (name.equals(settings.fhirClinic()) && destinations.forTenant(tenant.id()).isEmpty()) {
      toFolderAndFhir(tenant);
    }
    return new DemoClinic(slug, accountId, mailboxes);
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
