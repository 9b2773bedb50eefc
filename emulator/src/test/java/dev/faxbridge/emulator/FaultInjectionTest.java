package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

class FaultInjectionTest {

  private static final String MESSAGE_STORE =
      "/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store";
  private static final String CONTENT = MESSAGE_STORE + "/{messageId}/content/{attachmentId}";

  private final Clinic clinic = new Clinic();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    clinic.close();
  }

  private HttpResponse<byte[]> get(RestClient rc, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + rc.token.access_token)
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private String listUrl() {
    return clinic.emu.platformUrl() + "/restapi/v1.0/account/~/extension/~/message-store";
  }

  @Test
  void statusFaultAnswersWithAPlatformErrorThenRecovers() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.injectFault(FaultRule.once("GET", MESSAGE_STORE, Fault.status(503)));

    assertThatThrownBy(() -> rc.restapi().account().extension().messageStore().list())
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(503);
              assertThat(e.response.header("Retry-After")).isNotNull();
              assertThat(e.getMessage()).contains("CMN-201");
            });
    assertThat(rc.restapi().account().extension().messageStore().list().records).isEmpty();
  }

  @Test
  void faultFiresTheRequestedNumberOfTimes() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.injectFault(FaultRule.once("GET", MESSAGE_STORE, Fault.status(500)).times(2));

    int first = get(rc, listUrl()).statusCode();
    int second = get(rc, listUrl()).statusCode();
    int third = get(rc, listUrl()).statusCode();

    assertThat(new int[] {first, second, third}).containsExactly(500, 500, 200);
  }

  @Test
  void faultOnlyHitsItsEndpointAndMethod() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.injectFault(FaultRule.once("GET", MESSAGE_STORE, Fault.status(500)).always());

    assertThat(rc.restapi().account().extension().list().records).isNotEmpty();
    assertThat(get(rc, listUrl()).statusCode()).isEqualTo(500);
  }

  @Test
  void delayFaultHoldsTheAnswerPastAClientsTimeout() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.injectFault(
        FaultRule.once("GET", MESSAGE_STORE, Fault.delay(Duration.ofSeconds(3))));
    HttpRequest impatient =
        HttpRequest.newBuilder(URI.create(listUrl()))
            .header("Authorization", "Bearer " + rc.token.access_token)
            .timeout(Duration.ofMillis(500))
            .build();

    assertThatThrownBy(() -> http.send(impatient, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(get(rc, listUrl()).statusCode()).as("the fault fired once").isEqualTo(200);
  }

  @Test
  void stalledBodyFaultSendsHalfTheBodyThenNothingUntilItDropsTheConnection() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 3);
    RestClient rc = clinic.loginAsOwner();
    String uri =
        rc.restapi().account().extension().messageStore().list().records[0].attachments[0].uri;
    clinic.emu.injectFault(
        FaultRule.once("GET", CONTENT, Fault.stalledBody(Duration.ofMillis(200))));

    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + rc.token.access_token)
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());

    assertThat(response.headers().firstValueAsLong("Content-Length").orElseThrow())
        .isEqualTo(fax.size());
    try (InputStream body = response.body()) {
      assertThat(body.readNBytes((int) (fax.size() / 2))).hasSize((int) (fax.size() / 2));
      assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
    }
  }

  @Test
  void damagedRecordFaultChangesAFieldOfTheFirstListedRecordOnly() throws Exception {
    clinic.fax(clinic.owner(), 1);
    clinic.fax(clinic.owner(), 1);
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.injectFault(
        FaultRule.once("GET", MESSAGE_STORE, Fault.damagedRecord("attachments.uri", null)));
    clinic.emu.injectFault(
        FaultRule.once("GET", MESSAGE_STORE, Fault.damagedRecord("creationTime", "yesterday")));

    JsonNode withoutUri = Json.MAPPER.readTree(get(rc, listUrl()).body()).get("records");
    JsonNode badTime = Json.MAPPER.readTree(get(rc, listUrl()).body()).get("records");

    assertThat(withoutUri.get(0).get("attachments").get(0).has("uri")).isFalse();
    assertThat(withoutUri.get(1).get("attachments").get(0).has("uri")).isTrue();
    assertThat(badTime.get(0).get("creationTime").asString()).isEqualTo("yesterday");
    assertThat(Instant.parse(badTime.get(1).get("creationTime").asString())).isNotNull();
  }

  @Test
  void resetFaultDropsTheConnectionWithoutAnAnswer() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.injectFault(FaultRule.once("GET", MESSAGE_STORE, Fault.reset()).always());

    assertThatThrownBy(() -> get(rc, listUrl())).isInstanceOf(IOException.class);
    assertThat(clinic.emu.requestLog().get(clinic.emu.requestLog().size() - 1).status()).isZero();
  }

  @Test
  void truncatedBodyFaultCutsTheDownloadShort() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 3);
    RestClient rc = clinic.loginAsOwner();
    String uri =
        rc.restapi().account().extension().messageStore().list().records[0].attachments[0].uri;
    clinic.emu.injectFault(FaultRule.once("GET", CONTENT, Fault.truncatedBody()));

    assertThatThrownBy(() -> rc.get(uri).bytes()).isInstanceOf(IOException.class);
    assertThat((long) rc.get(uri).bytes().length).isEqualTo(fax.size());
  }

  @Test
  void malformedJsonFaultBreaksTheParserOnly() throws Exception {
    clinic.fax(clinic.owner(), 1);
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.injectFault(FaultRule.once("GET", MESSAGE_STORE, Fault.malformedJson()));

    HttpResponse<byte[]> response = get(rc, listUrl());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length").orElseThrow())
        .isEqualTo(response.body().length);
    assertThatThrownBy(() -> Json.MAPPER.readTree(response.body()))
        .isInstanceOf(JacksonException.class);
  }

  @Test
  void probabilisticFaultFiresOnSomeRequestsOnly() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.rateLimitsEnabled(false);
    clinic.emu.injectFault(
        FaultRule.once("GET", MESSAGE_STORE, Fault.status(502)).always().withProbability(0.5));

    int failures = 0;
    for (int i = 0; i < 60; i++) {
      if (get(rc, listUrl()).statusCode() == 502) {
        failures++;
      }
    }

    assertThat(failures).isBetween(10, 50);
  }

  @Test
  void wildcardFaultsNeverTouchTheControlApi() throws Exception {
    clinic.emu.injectFault(FaultRule.once("*", "*", Fault.status(500)).always());

    HttpResponse<String> state =
        http.send(
            HttpRequest.newBuilder(URI.create(clinic.emu.platformUrl() + "/control/state")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(state.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> clinic.sdk().authorize(clinic.ownerJwt))
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.response.code()).isEqualTo(500));
  }
}
