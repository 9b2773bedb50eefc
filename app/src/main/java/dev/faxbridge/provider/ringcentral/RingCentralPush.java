package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.provider.PushSubscription;
import dev.faxbridge.provider.PushSubscriptions;
import dev.faxbridge.tenant.Tenants;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * WebHook subscriptions for the {@code fax?direction=Inbound} event of each mailbox (the
 * full-message event; faxbridge only takes it as a hint to sync). Create and delete are Medium,
 * read and renew Light.
 */
class RingCentralPush implements PushSubscriptions {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RingCentralSession session;
  private final RingCentralClient client;
  private final RateLimitBudget budget;
  private final Tenants tenants;
  private final Clock clock;

  RingCentralPush(
      RingCentralSession session,
      RingCentralClient client,
      RateLimitBudget budget,
      Tenants tenants,
      Clock clock) {
    this.session = session;
    this.client = client;
    this.budget = budget;
    this.tenants = tenants;
    this.clock = clock;
  }

  @Override
  public Provider provider() {
    return Provider.RINGCENTRAL;
  }

  @Override
  public PushSubscription ensure(
      ProviderConnection connection,
      List<String> mailboxIds,
      URI address,
      String verificationToken,
      PushSubscription current,
      Duration lifetime,
      Duration renewBefore) {
    List<String> wanted = mailboxIds.stream().sorted().toList();
    if (current != null) {
      JsonNode info = read(connection, current.id());
      boolean usable =
          info != null
              && "Active".equals(Json.text(info, "status"))
              && Objects.equals(current.mailboxIds(), wanted)
              && address.toString().equals(info.path("deliveryMode").path("address").asString(""));
      if (usable) {
        Instant expires = Instant.parse(Json.text(info, "expirationTime"));
        if (expires.isAfter(clock.instant().plus(renewBefore))) {
          return new PushSubscription(current.id(), expires, wanted, false);
        }
        JsonNode renewed =
            call(
                connection,
                RateLimitGroup.LIGHT,
                token ->
                    client.send(
                        lane(connection, RateLimitGroup.LIGHT),
                        token,
                        "POST",
                        "/restapi/v1.0/subscription/" + current.id() + "/renew",
                        "{}",
                        "renewal of subscription " + current.id()));
        return new PushSubscription(
            current.id(), Instant.parse(Json.text(renewed, "expirationTime")), wanted, false);
      }
      if (info != null) {
        delete(connection, current.id());
      }
    }
    ObjectNode body = JSON.createObjectNode();
    var filters = body.putArray("eventFilters");
    for (String mailbox : wanted) {
      filters.add("/restapi/v1.0/account/~/extension/" + mailbox + "/fax?direction=Inbound");
    }
    ObjectNode mode = body.putObject("deliveryMode");
    mode.put("transportType", "WebHook");
    mode.put("address", address.toString());
    mode.put("verificationToken", verificationToken);
    body.put("expiresIn", lifetime.toSeconds());
    JsonNode created =
        call(
            connection,
            RateLimitGroup.MEDIUM,
            token ->
                client.send(
                    lane(connection, RateLimitGroup.MEDIUM),
                    token,
                    "POST",
                    "/restapi/v1.0/subscription",
                    body.toString(),
                    "subscription of connection " + connection.id()));
    return new PushSubscription(
        Json.requiredId(created, "id", "subscription"),
        Instant.parse(Json.text(created, "expirationTime")),
        new ArrayList<>(wanted),
        true);
  }

  /** The subscription as RingCentral has it, or null when it is gone (expired, deleted). */
  private JsonNode read(ProviderConnection connection, String id) {
    try {
      return call(
          connection,
          RateLimitGroup.LIGHT,
          token ->
              client.get(
                  lane(connection, RateLimitGroup.LIGHT),
                  token,
                  "/restapi/v1.0/subscription/" + id,
                  "subscription " + id));
    } catch (ProviderException.Gone gone) {
      return null;
    }
  }

  private void delete(ProviderConnection connection, String id) {
    try {
      call(
          connection,
          RateLimitGroup.MEDIUM,
          token -> {
            client.change(
                lane(connection, RateLimitGroup.MEDIUM),
                token,
                "/restapi/v1.0/subscription/" + id,
                null,
                "deletion of subscription " + id);
            return null;
          });
    } catch (ProviderException.Gone gone) {
      // gone already
    }
  }

  private <T> T call(
      ProviderConnection connection,
      RateLimitGroup group,
      java.util.function.Function<String, T> call) {
    return session.withAccessToken(connection, call);
  }

  private RateLimitBudget.Lane lane(ProviderConnection connection, RateLimitGroup group) {
    return budget.lane(connection, group, () -> tenants.get(connection.tenantId()).slug());
  }
}
