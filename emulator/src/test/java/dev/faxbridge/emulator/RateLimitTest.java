package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  private final Clinic clinic = new Clinic();
  private final List<Response> answers = new ArrayList<>();

  @AfterEach
  void stop() {
    clinic.close();
  }

  private RestClient recording(RestClient rc) {
    rc.httpEventListeners.add((response, request) -> answers.add(response));
    return rc;
  }

  private void listMessages(RestClient rc) throws Exception {
    rc.restapi().account().extension().messageStore().list();
  }

  private RestException refused(RestClient rc) {
    try {
      listMessages(rc);
    } catch (RestException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a 429");
  }

  @Test
  void everyAnswerCarriesTheRateLimitHeadersOfItsGroup() throws Exception {
    RestClient rc = recording(clinic.sdk());

    rc.authorize(clinic.ownerJwt);
    listMessages(rc);
    listMessages(rc);
    rc.restapi().account().extension().list();

    assertThat(answers.get(0).header("X-Rate-Limit-Group")).isEqualTo("auth");
    assertThat(answers.get(0).header("X-Rate-Limit-Limit")).isEqualTo("5");
    assertThat(answers.get(1).header("X-Rate-Limit-Group")).isEqualTo("light");
    assertThat(answers.get(1).header("X-Rate-Limit-Limit")).isEqualTo("50");
    assertThat(answers.get(1).header("X-Rate-Limit-Remaining")).isEqualTo("49");
    assertThat(answers.get(1).header("X-Rate-Limit-Window")).isEqualTo("60");
    assertThat(answers.get(2).header("X-Rate-Limit-Remaining")).isEqualTo("48");
    assertThat(answers.get(3).header("X-Rate-Limit-Group")).isEqualTo("medium");
    assertThat(answers.get(3).header("X-Rate-Limit-Limit")).isEqualTo("40");
  }

  @Test
  void the51stLightRequestInAMinuteGets429WithRetryAfter() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    for (int i = 0; i < 50; i++) {
      listMessages(rc);
    }

    RestException e = refused(rc);

    assertThat(e.response.code()).isEqualTo(429);
    assertThat(e.getMessage()).contains("CMN-301").contains("Request rate exceeded");
    assertThat(e.response.header("Retry-After")).isEqualTo("60");
    assertThat(e.response.header("X-Rate-Limit-Remaining")).isEqualTo("0");
  }

  @Test
  void penaltyEndsWhenTheClientWaitsForRetryAfter() throws Exception {
    clinic.emu.rateLimit("Light", 2);
    RestClient rc = clinic.loginAsOwner();
    listMessages(rc);
    listMessages(rc);
    refused(rc);

    clinic.emu.clock().advance(Duration.ofSeconds(61));

    listMessages(rc);
  }

  @Test
  void aRequestDuringThePenaltyRestartsIt() throws Exception {
    clinic.emu.rateLimit("Light", 2);
    RestClient rc = clinic.loginAsOwner();
    listMessages(rc);
    listMessages(rc);
    refused(rc);
    clinic.emu.clock().advance(Duration.ofSeconds(30));

    RestException during = refused(rc);
    clinic.emu.clock().advance(Duration.ofSeconds(31));
    RestException stillPenalised = refused(rc);
    clinic.emu.clock().advance(Duration.ofSeconds(61));

    assertThat(during.response.header("Retry-After")).isEqualTo("60");
    assertThat(stillPenalised.response.code()).isEqualTo(429);
    listMessages(rc);
  }

  @Test
  void groupsAndUsersHaveSeparateBudgets() throws Exception {
    clinic.emu.rateLimit("Light", 1);
    Extension nurse =
        clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.user("Nurse", "102"));
    RestClient owner = clinic.loginAsOwner();
    RestClient other =
        clinic.login(
            clinic.emu.issueJwtCredential(clinic.account.id(), nurse.id(), clinic.app.clientId()));
    listMessages(owner);
    refused(owner);

    owner.restapi().account().extension().list();
    listMessages(other);
  }

  @Test
  void windowAndPenaltyCanBeCompressed() throws Exception {
    clinic.emu.rateLimitTiming(Duration.ofSeconds(2), Duration.ofSeconds(1));
    clinic.emu.rateLimit("Light", 1);
    RestClient rc = recording(clinic.loginAsOwner());
    listMessages(rc);
    RestException e = refused(rc);
    clinic.emu.clock().advance(Duration.ofSeconds(2));

    listMessages(rc);

    assertThat(e.response.header("Retry-After")).isEqualTo("1");
    assertThat(answers.get(1).header("X-Rate-Limit-Window")).isEqualTo("2");
  }

  @Test
  void subSecondPenaltyIsAnnouncedAsOneSecondNotZero() throws Exception {
    clinic.emu.rateLimitTiming(Duration.ofMillis(500), Duration.ofMillis(200));
    clinic.emu.rateLimit("Light", 1);
    RestClient rc = clinic.loginAsOwner();
    listMessages(rc);

    RestException e = refused(rc);

    assertThat(e.response.header("Retry-After")).isEqualTo("1");
    assertThat(e.response.header("X-Rate-Limit-Window")).isEqualTo("1");
  }

  @Test
  void tokenEndpointIsInTheAuthGroupPerUser() throws Exception {
    for (int i = 0; i < 5; i++) {
      clinic.loginAsOwner();
    }

    assertThatThrownBy(() -> clinic.sdk().authorize(clinic.ownerJwt))
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.response.code()).isEqualTo(429));
    Extension nurse =
        clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.user("Nurse", "102"));
    clinic.login(
        clinic.emu.issueJwtCredential(clinic.account.id(), nurse.id(), clinic.app.clientId()));
  }

  @Test
  void refreshesOfDifferentUsersDoNotShareTheAuthBudget() throws Exception {
    List<RestClient> users = new ArrayList<>();
    users.add(clinic.loginAsOwner());
    for (int i = 0; i < 5; i++) {
      Extension user =
          clinic.emu.createExtension(
              clinic.account.id(), ExtensionSpec.user("User " + i, "20" + i));
      users.add(
          clinic.login(
              clinic.emu.issueJwtCredential(
                  clinic.account.id(), user.id(), clinic.app.clientId())));
    }

    for (RestClient user : users) {
      user.refresh();
      user.refresh();
    }

    assertThat(clinic.emu.requestLog()).extracting(LoggedRequest::status).containsOnly(200);
  }

  @Test
  void requestLogTellsTenantsApartWhilePathsUseTilde() throws Exception {
    Account other = clinic.emu.createAccount("Clinic B");
    RestClient b =
        clinic.login(
            clinic.emu.issueJwtCredential(
                other.id(), other.ownerExtensionId(), clinic.app.clientId()));
    RestClient a = clinic.loginAsOwner();
    listMessages(a);
    listMessages(b);
    listMessages(b);

    assertThat(clinic.emu.requestLog()).filteredOn(r -> r.byAccount(other.id())).hasSize(2);
    assertThat(clinic.emu.requestLog())
        .filteredOn(r -> r.byAccount(clinic.account.id()))
        .extracting(LoggedRequest::extensionId)
        .containsExactly(clinic.owner());
  }

  @Test
  void requestLogShowsTheGroupAndStatusOfEveryRequest() throws Exception {
    clinic.emu.rateLimit("Light", 1);
    RestClient rc = clinic.loginAsOwner();
    listMessages(rc);
    refused(rc);

    assertThat(clinic.emu.requestLog())
        .extracting(LoggedRequest::status)
        .containsExactly(200, 200, 429);
    assertThat(clinic.emu.requestLog().get(2).rateLimitGroup()).isEqualTo("Light");
  }
}
