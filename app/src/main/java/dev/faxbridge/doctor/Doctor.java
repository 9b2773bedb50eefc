package dev.faxbridge.doctor;

import dev.faxbridge.FaxbridgeApplication;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.delivery.folder.FolderSettings;
import dev.faxbridge.platform.DatabaseSettings;
import dev.faxbridge.platform.SecretReencryption;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.provider.ringcentral.AppCheck;
import dev.faxbridge.provider.ringcentral.RingCentralAppProbe;
import dev.faxbridge.provider.ringcentral.RingCentralSettings;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * {@code faxbridge doctor}: the startup checks of every setting, then live checks (database
 * migrated, keyset opens every sealed value, the RingCentral app, media hosts, each connection,
 * drop folders), printed as a checklist. Runs beside a running faxbridge on an external database;
 * starts no web server, no scheduler and no migration.
 */
public final class Doctor {

  private final PrintStream out;
  private final List<Finding> findings = new ArrayList<>();

  private Doctor(PrintStream out) {
    this.out = out;
  }

  /** Runs every check with faxbridge's settings and these arguments; answers the exit code. */
  public static int run(PrintStream out, String... arguments) {
    return new Doctor(out).examine(arguments);
  }

  private int examine(String... arguments) {
    out.println("faxbridge doctor");
    List<String> fixed =
        List.of(
            "--db-scheduler.enabled=false",
            "--spring.flyway.enabled=false",
            "--logging.level.root=warn");
    String[] doctorArguments =
        Stream.concat(
                Stream.of(arguments)
                    .filter(
                        argument ->
                            fixed.stream()
                                .noneMatch(
                                    setting ->
                                        argument.startsWith(
                                            setting.substring(0, setting.indexOf('=') + 1)))),
                fixed.stream())
            .toArray(String[]::new);
    SpringApplicationBuilder application =
        new SpringApplicationBuilder(FaxbridgeApplication.class)
            .web(WebApplicationType.NONE)
            .listeners(new SettingsFirst());
    try (ConfigurableApplicationContext context = application.run(doctorArguments)) {
      liveChecks(context);
    } catch (RuntimeException e) {
      if (findings.stream().allMatch(Finding::passed)) {
        WrongSetting wrong = wrongSetting(e);
        record(
            wrong != null
                ? Finding.failed("faxbridge starts", wrong)
                : Finding.failed("faxbridge starts", String.valueOf(e.getMessage()), "See above."));
      }
    }
    long failed = findings.stream().filter(finding -> !finding.passed()).count();
    out.println(findings.size() + " checks, " + failed + " failed");
    return failed == 0 ? 0 : 1;
  }

  private void liveChecks(ConfigurableApplicationContext context) {
    boolean migrated = databaseMigrated(context.getBean(DataSource.class));
    if (migrated) {
      keysetOpensEverySealedValue(context);
    }
    RingCentralSettings ringCentral = context.getBean(RingCentralSettings.class);
    if (ringCentral.clientId() != null && !ringCentral.clientId().isBlank()) {
      ringCentralChecks(
          context.getBean(RingCentralAppProbe.class),
          ringCentral,
          migrated ? context.getBean(Connections.class).all() : List.of());
    }
    dropFoldersWritable(
        context.getBean(FolderSettings.class).root(),
        migrated ? context.getBean(Tenants.class).all() : List.of());
  }

  private void ringCentralChecks(
      RingCentralAppProbe probe,
      RingCentralSettings settings,
      List<ProviderConnection> connections) {
    try {
      for (AppCheck check : probe.checkApp()) {
        record(new Finding(check.check(), check.passed(), check.detail(), check.fix()));
      }
    } catch (ProviderException e) {
      record(
          Finding.failed(
              "RingCentral reachable",
              e.getMessage(),
              "Check faxbridge.ringcentral.server-url and that this host reaches it."));
      return;
    }
    mediaHostsReachable(settings);
    for (ProviderConnection connection : connections) {
      AppCheck check = probe.checkConnection(connection);
      record(new Finding(check.check(), check.passed(), check.detail(), check.fix()));
    }
  }

  private boolean databaseMigrated(DataSource dataSource) {
    Flyway flyway =
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    int pending = flyway.info().pending().length;
    var current = flyway.info().current();
    if (pending > 0) {
      record(
          Finding.failed(
              "database migrated",
              pending + " migration(s) pending",
              "Start faxbridge once (it migrates on start), then run doctor again."));
      return false;
    }
    record(
        Finding.passed(
            "database migrated",
            "schema version " + (current == null ? "-" : current.getVersion())));
    return true;
  }

  private void keysetOpensEverySealedValue(ConfigurableApplicationContext context) {
    SecretReencryption.Opened result = context.getBean(SecretReencryption.class).openAll();
    List<String> unreadable = result.unreadable();
    int opened = result.opened();
    if (unreadable.isEmpty()) {
      record(Finding.passed("keyset opens every sealed value", opened + " sealed values"));
    } else {
      record(
          Finding.failed(
              "keyset opens every sealed value",
              unreadable.size() + " cannot be opened: " + String.join(", ", unreadable),
              "Give the keyset that sealed them (a rotated keyset keeps the old key until"
                  + " 'secrets reencrypt' has run)."));
    }
  }

  private void mediaHostsReachable(RingCentralSettings settings) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    for (URI media : settings.mediaUrls()) {
      String check = "media host " + media.getAuthority() + " reachable";
      try {
        HttpResponse<Void> answer =
            http.send(
                HttpRequest.newBuilder(media).timeout(Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        record(Finding.passed(check, "answers HTTP " + answer.statusCode()));
      } catch (IOException e) {
        record(
            Finding.failed(
                check, e.toString(), "Let this host reach " + media + " (firewall, proxy, DNS)."));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void dropFoldersWritable(Path root, List<Tenant> tenants) {
    List<Path> folders = new ArrayList<>();
    folders.add(root);
    tenants.forEach(tenant -> folders.add(root.resolve(tenant.slug())));
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue; // created at the first delivery
      }
      Path probe = folder.resolve(".doctor-probe.tmp");
      try {
        Files.writeString(probe, "");
        Files.delete(probe);
        record(Finding.passed("drop folder writable", folder.toAbsolutePath().toString()));
      } catch (IOException e) {
        record(
            Finding.failed(
                "drop folder writable",
                folder.toAbsolutePath() + ": " + e,
                "chown it to the user faxbridge runs as, chmod u+rwx."));
      }
    }
  }

  private void record(Finding finding) {
    findings.add(finding);
    out.println(
        (finding.passed() ? "  [ok]   " : "  [FAIL] ")
            + finding.check()
            + ": "
            + finding.detail().replace("\n", " "));
    if (!finding.passed()) {
      out.println("         fix: " + finding.fix());
    }
  }

  private static WrongSetting wrongSetting(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof WrongSetting wrong) {
        return wrong;
      }
    }
    return null;
  }

  /**
   * Reports every setting check before {@link StartupChecks} stops at the first wrong one, and
   * keeps the doctor from starting an embedded database that a running faxbridge holds.
   */
  private final class SettingsFirst
      implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
      new SettingsChecks(event.getEnvironment(), Binder.get(event.getEnvironment()))
          .findings()
          .forEach(Doctor.this::record);
      String url = event.getEnvironment().getProperty("spring.datasource.url", "");
      if (url.isBlank()) {
        DatabaseSettings embedded =
            Binder.get(event.getEnvironment())
                .bindOrCreate("faxbridge.database.embedded", DatabaseSettings.class);
        if (Files.exists(embedded.dataDirectory().resolve("postmaster.pid"))) {
          throw new WrongSetting(
              "faxbridge.database.embedded.data-directory",
              embedded.dataDirectory().toAbsolutePath().toString(),
              "The embedded database is in use by a running faxbridge (or was left by a killed"
                  + " one); the live checks need it.",
              "Stop faxbridge and run doctor again, or start faxbridge once after a crash.");
        }
      }
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE - 1;
    }
  }
}
