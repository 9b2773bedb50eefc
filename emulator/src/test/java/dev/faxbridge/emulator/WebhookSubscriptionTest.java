package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import com.ringcentral.definitions.CreateSubscriptionRequest;
import com.ringcentral.definitions.NotificationDeliveryModeRequest;
import com.ringcentral.definitions.SubscriptionInfo;
import com.ringcentral.definitions.UpdateSubscriptionRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookSubscriptionTest {

  private static final String FAX_FILTER =
      "/restapi/v1.0/account/~/extension/~/fax?direction=Inbound";

  private final Clinic clinic = new Clinic();
  private final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void stop() {
    receiver.close();
    clinic.close();
  }

  private CreateSubscriptionRequest request(String... filters) {
    return new CreateSubscriptionRequest()
        .eventFilters(filters)
        .deliveryMode(
            new NotificationDeliveryModeRequest()
                .transportType("WebHook")
                .address(receiver.address())
                .verificationToken("s3cret-verification"));
  }

  private SubscriptionInfo subscribe(RestClient rc, CreateSubscriptionRequest request)
      throws Exception {
    return rc.restapi().subscription().post(request);
  }

  private void settle() throws InterruptedException {
    assertThat(clinic.emu.awaitNotifications(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void creationPerformsTheValidationHandshake() throws Exception {
    SubscriptionInfo info = subscribe(clinic.loginAsOwner(), request(FAX_FILTER));

    assertThat(info.status).isEqualTo("Active");
    assertThat(info.id).isNotBlank();
    assertThat(info.eventFilters).containsExactly(FAX_FILTER);
    assertThat(info.deliveryMode.transportType).isEqualTo("WebHook");
    assertThat(info.deliveryMode.address).isEqualTo(receiver.address());
    assertThat(info.expiresIn).isEqualTo(604800L);
    assertThat(info.expirationTime).isEqualTo("2026-12-04T10:00:00.000Z");
    assertThat(receiver.validations).hasSize(1);
    assertThat(receiver.validations.get(0).body()).isEmpty();
  }

  @Test
  void renewalReminderFilterIsReportedAsDisabled() throws Exception {
    String reminder = "/restapi/v1.0/subscription/~?threshold=86400&interval=3600";

    SubscriptionInfo info = subscribe(clinic.loginAsOwner(), request(FAX_FILTER, reminder));

    assertThat(info.eventFilters).containsExactly(FAX_FILTER);
    assertThat(info.disabledFilters).extracting(d -> d.filter).containsExactly(reminder);
  }

  @Test
  void endpointThatDoesNotEchoTheTokenIsRefused() {
    receiver.echoValidationToken = false;

    assertThatThrownBy(() -> subscribe(clinic.loginAsOwner(), request(FAX_FILTER)))
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.getMessage()).contains("SUB-525"));
  }

  @Test
  void inboundFaxIsPushedWithTheVerificationTokenAndTheFullMessage() throws Exception {
    SubscriptionInfo info = subscribe(clinic.loginAsOwner(), request(FAX_FILTER));

    FaxMessage fax = clinic.fax(clinic.owner(), 2);
    settle();

    assertThat(receiver.notifications).hasSize(1);
    WebhookReceiver.Received received = receiver.notifications.get(0);
    assertThat(received.headers().getFirst("Verification-Token")).isEqualTo("s3cret-verification");
    JsonNode event = Json.MAPPER.readTree(received.body());
    assertThat(event.path("subscriptionId").asString()).isEqualTo(info.id);
    assertThat(event.path("ownerId").asString()).isEqualTo(clinic.owner());
    assertThat(event.path("event").asString())
        .isEqualTo(
            "/restapi/v1.0/account/"
                + clinic.account.id()
                + "/extension/"
                + clinic.owner()
                + "/fax?direction=Inbound");
    assertThat(event.path("uuid").asString()).isNotBlank();
    JsonNode body = event.path("body");
    assertThat(body.path("id").isString()).isTrue();
    assertThat(body.path("id").asString()).isEqualTo(fax.messageId());
    assertThat(body.path("faxPageCount").asInt()).isEqualTo(2);
    assertThat(body.path("attachments").get(0).path("id").asString()).isEqualTo(fax.attachmentId());
    assertThat(body.path("attachments").get(0).path("uri").asString())
        .startsWith(clinic.emu.mediaUrl().toString());
  }

  @Test
  void messageStoreFilterGetsAChangeSummary() throws Exception {
    subscribe(
        clinic.loginAsOwner(),
        request("/restapi/v1.0/account/~/extension/~/message-store?type=Fax"));

    FaxMessage fax = clinic.fax(clinic.owner(), 1);
    settle();

    JsonNode body = Json.MAPPER.readTree(receiver.notifications.get(0).body()).path("body");
    assertThat(body.path("changes").get(0).path("type").asString()).isEqualTo("Fax");
    assertThat(body.path("changes").get(0).path("newCount").asInt()).isEqualTo(1);
    assertThat(body.path("changes").get(0).path("newMessageIds").get(0).asString())
        .isEqualTo(fax.messageId());
  }

  @Test
  void readingOrDeletingAFaxFiresOnlyTheMessageStoreFilter() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 1);
    RestClient rc = clinic.loginAsOwner();
    subscribe(rc, request(FAX_FILTER, "/restapi/v1.0/account/~/extension/~/message-store"));

    clinic.emu.markRead(clinic.account.id(), clinic.owner(), fax.messageId());
    clinic.emu.delete(clinic.account.id(), clinic.owner(), fax.messageId());
    settle();

    assertThat(receiver.notifications).hasSize(2);
    for (WebhookReceiver.Received received : receiver.notifications) {
      JsonNode event = Json.MAPPER.readTree(received.body());
      assertThat(event.path("event").asString()).endsWith("/message-store");
      JsonNode change = event.path("body").path("changes").get(0);
      assertThat(change.path("newCount").asInt()).isZero();
      assertThat(change.path("updatedCount").asInt()).isEqualTo(1);
    }
  }

  @Test
  void faxesOfOtherMailboxesAreNotPushed() throws Exception {
    subscribe(clinic.loginAsOwner(), request(FAX_FILTER));
    Extension other =
        clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.faxUser("Fax", "201"));

    clinic.fax(other.id(), 1);
    settle();

    assertThat(receiver.notifications).isEmpty();
  }

  @Test
  void adminSubscribesToAnotherExtensionButAUserCannot() throws Exception {
    Extension faxLine =
        clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.faxUser("Fax", "201"));
    Extension nurse =
        clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.user("Nurse", "102"));
    String filter = "/restapi/v1.0/account/~/extension/" + faxLine.id() + "/fax?direction=Inbound";
    RestClient nurseClient =
        clinic.login(
            clinic.emu.issueJwtCredential(clinic.account.id(), nurse.id(), clinic.app.clientId()));

    subscribe(clinic.loginAsOwner(), request(filter));
    clinic.fax(faxLine.id(), 1);
    settle();

    assertThat(receiver.notifications).hasSize(1);
    assertThatThrownBy(() -> subscribe(nurseClient, request(filter)))
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(403);
              assertThat(e.getMessage()).contains("SUB-405");
            });
  }

  @Test
  void getListRenewUpdateAndDelete() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    SubscriptionInfo created = subscribe(rc, request(FAX_FILTER).expiresIn(3600L));
    clinic.emu.clock().advance(Duration.ofMinutes(30));

    SubscriptionInfo fetched = rc.restapi().subscription(created.id).get();
    SubscriptionInfo renewed = rc.restapi().subscription(created.id).renew().post();
    SubscriptionInfo updated =
        rc.restapi()
            .subscription(created.id)
            .put(
                new UpdateSubscriptionRequest()
                    .eventFilters(
                        new String[] {
                          FAX_FILTER, "/restapi/v1.0/account/~/extension/~/message-store"
                        })
                    .expiresIn(7200L));
    int listed = rc.restapi().subscription().list().records.length;
    rc.restapi().subscription(created.id).delete();

    assertThat(fetched.expiresIn).isEqualTo(1800L);
    assertThat(renewed.expirationTime).isEqualTo("2026-11-27T11:30:00.000Z");
    assertThat(updated.eventFilters).hasSize(2);
    assertThat(updated.expiresIn).isEqualTo(7200L);
    assertThat(listed).isEqualTo(1);
    assertThat(rc.restapi().subscription().list().records).isEmpty();
  }

  @Test
  void expiredSubscriptionIsGoneAndDeliversNothing() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    SubscriptionInfo created = subscribe(rc, request(FAX_FILTER).expiresIn(60L));
    clinic.emu.clock().advance(Duration.ofSeconds(61));

    clinic.fax(clinic.owner(), 1);
    settle();

    assertThat(receiver.notifications).isEmpty();
    assertThatThrownBy(() -> rc.restapi().subscription(created.id).get())
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.response.code()).isEqualTo(404));
  }

  @Test
  void repeatedDeliveryFailuresBlacklistTheSubscription() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    SubscriptionInfo created = subscribe(rc, request(FAX_FILTER));
    receiver.notificationStatus = 500;

    for (int i = 0; i < 3; i++) {
      clinic.fax(clinic.owner(), 1);
      settle();
    }
    receiver.notificationStatus = 200;
    clinic.fax(clinic.owner(), 1);
    settle();
    SubscriptionInfo info = rc.restapi().subscription(created.id).get();

    assertThat(info.status).isEqualTo("Blacklisted");
    assertThat(info.blacklistedData.reason).contains("500");
    assertThat(info.blacklistedData.blacklistedAt).isEqualTo("2026-11-27T10:00:00.000Z");
    assertThat(receiver.notifications).hasSize(3);
  }

  @Test
  void aSuccessfulDeliveryResetsTheFailureCount() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    SubscriptionInfo created = subscribe(rc, request(FAX_FILTER));
    for (int status : new int[] {500, 500, 200, 500, 500}) {
      receiver.notificationStatus = status;
      clinic.fax(clinic.owner(), 1);
      settle();
    }

    assertThat(rc.restapi().subscription(created.id).get().status).isEqualTo("Active");
  }
}
