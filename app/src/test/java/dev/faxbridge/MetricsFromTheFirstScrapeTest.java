package dev.faxbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.TestBed;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every metric the operations guide documents is in the first scrape after a restart, before any
 * fax, so alerts and dashboards see zeros rather than nothing.
 */
class MetricsFromTheFirstScrapeTest {

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  @Test
  void everyDocumentedMetricIsScrapedRightAfterARestart() throws IOException {
    TestBed bed = TestBed.create(EMULATORS);
    try (FaxbridgeInstance faxbridge = bed.start()) {
      String tenant = TestBed.createTenant(faxbridge, "riverside");
      TestBed.connectJwt(faxbridge, tenant, bed.clinic("Riverside").jwt());
    }

    try (FaxbridgeInstance restarted = bed.start()) {
      HttpResponse<String> scrape = restarted.api("GET", "/actuator/prometheus", null);

      assertThat(scrape.statusCode()).isEqualTo(200);
      List<String> lines = scrape.body().lines().filter(line -> !line.startsWith("#")).toList();
      for (String metric : documentedMetrics()) {
        assertThat(lines).as(metric).anyMatch(line -> line.startsWith(metric));
      }
      assertThat(lines)
          .anyMatch(
              line ->
                  line.startsWith("faxbridge_connections{")
                      && line.contains("status=\"active\"")
                      && line.endsWith(" 1.0"))
          .anyMatch(
              line -> line.startsWith("faxbridge_faxes_delivered_total{tenant=\"riverside\"}"));
    }
  }

  private static TreeSet<String> documentedMetrics() throws IOException {
    Path guide = Path.of("..", "docs", "sync-operations.md");
    Matcher names = Pattern.compile("faxbridge_[a-z_]+").matcher(Files.readString(guide));
    TreeSet<String> metrics = new TreeSet<>();
    while (names.find()) {
      metrics.add(names.group());
    }
    assertThat(metrics).hasSizeGreaterThan(10);
    return metrics;
  }
}
