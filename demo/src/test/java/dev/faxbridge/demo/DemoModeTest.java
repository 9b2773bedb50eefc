package dev.faxbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faxbridge.admin.DemoOperator;
import dev.faxbridge.testing.DropFolder;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Demo mode as a newcomer meets it: faxes arrive in the drop folder, and a restart loses none. */
class DemoModeTest {

  @TempDir Path data;

  @Test
  void demoClinicsFaxesLandInTheDropFolderAndARestartDeliversNoneTwice() throws Exception {
    Map<String, Object> properties = demoProperties();
    int deliveredBeforeRestart;
    try (FaxbridgeInstance demo = FaxbridgeInstance.start(properties)) {
      // Within a minute each clinic's inbox shows its sources: one on RingCentral, one on Faxage,
      // one in mid-migration with faxes from both.
      waitUntil(
          Duration.ofSeconds(60),
          () ->
              sources("riverside-family-practice").contains("ringcentral")
                  && sources("lakeview-pediatrics").contains("faxage")
                  && sources("hillcrest-cardiology").containsAll(Set.of("ringcentral", "faxage")));
      deliveredBeforeRestart = deliveredFiles();
      assertThat(tenantSlugs(demo))
          .containsExactly(
              "hillcrest-cardiology", "lakeview-pediatrics", "riverside-family-practice");
      // Hillcrest's faxes also reach the in-process FHIR server, read as the README shows.
      String token = demo.bean(DemoOperator.class).credentials().apiToken();
      waitUntil(Duration.ofSeconds(60), () -> documentReferences(demo, token) >= 1);
      assertThat(hillcrestFaxesDeliveredToBoth(demo)).isPositive();
    }
    for (String clinic :
        List.of("riverside-family-practice", "lakeview-pediatrics", "hillcrest-cardiology")) {
      DropFolder.of(data.resolve("inbox"), clinic).assertEveryDocumentMatchesItsSidecar();
    }
    assertThat(sources("riverside-family-practice")).containsOnly("ringcentral");
    assertThat(sources("lakeview-pediatrics")).containsOnly("faxage");
    assertThat(sources("hillcrest-cardiology")).containsOnly("ringcentral", "faxage");

    try (FaxbridgeInstance again = FaxbridgeInstance.start(properties)) {
      waitUntil(Duration.ofSeconds(60), () -> deliveredFiles() >= deliveredBeforeRestart + 3);
      assertThat(tenantSlugs(again)).hasSize(3);
      assertThat(deliveriesPerFax(again))
          .as("no fax delivered twice")
          .allMatch(count -> count == 1);
    }
  }

  private Map<String, Object> demoProperties() {
    Map<String, Object> properties = DemoProperties.under(data);
    properties.put("faxbridge.demo.fax-every", "300ms");
    properties.put("faxbridge.demo.sync-interval", "5s");
    properties.put("db-scheduler.polling-interval", "200ms");
    return properties;
  }

  /** The sources the clinic's sidecars name. */
  private Set<String> sources(String clinic) {
    Set<String> sources = new HashSet<>();
    for (JsonNode sidecar : DropFolder.of(data.resolve("inbox"), clinic).sidecarContents()) {
      String provider = sidecar.get("provider").asString();
      assertThat(sidecar.has(provider)).as("the sidecar's %s block", provider).isTrue();
      sources.add(provider);
    }
    return sources;
  }

  private int deliveredFiles() {
    int count = 0;
    for (String clinic :
        List.of("riverside-family-practice", "lakeview-pediatrics", "hillcrest-cardiology")) {
      count += DropFolder.of(data.resolve("inbox"), clinic).sidecars().size();
    }
    return count;
  }

  private static List<String> tenantSlugs(FaxbridgeInstance faxbridge) {
    return faxbridge
        .bean(JdbcClient.class)
        .sql("select slug from tenant order by slug")
        .query(String.class)
        .list();
  }

  private static List<Integer> deliveriesPerFax(FaxbridgeInstance faxbridge) {
    return faxbridge
        .bean(JdbcClient.class)
        .sql("select count(*)::int from audit_event where kind = 'FAX_DELIVERED' group by fax_id")
        .query(Integer.class)
        .list();
  }

  private static int documentReferences(FaxbridgeInstance demo, String token) {
    try {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          demo.baseUrl().resolve("/demo-fhir/DocumentReference?_format=json"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode bundle = JsonMapper.builder().build().readTree(answer.body());
      int count = 0;
      for (JsonNode entry : bundle.path("entry")) {
        assertThat(entry.path("resource").path("resourceType").asString())
            .isEqualTo("DocumentReference");
        count++;
      }
      return count;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hillcrest faxes whose delivery reached both its folder and the FHIR server. */
  private static long hillcrestFaxesDeliveredToBoth(FaxbridgeInstance demo) {
    return demo.bean(JdbcClient.class)
        .sql(
            """
            select count(*) from (
              select d.fax_id from fax_delivery d join destination t on t.id = d.destination_id
              where d.state = 'DELIVERED' group by d.fax_id having count(*) = 2) both_delivered
            """)
        .query(Long.class)
        .single();
  }

  private static void waitUntil(Duration timeout, BooleanSupplier condition) {
    await().atMost(timeout).until(condition::getAsBoolean);
  }
}
