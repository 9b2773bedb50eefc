package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every platform endpoint sits in the throttling group of its {@code x-throttling-group} in the
 * OpenAPI spec (rc-public-openapi.yml @ 799e12a6; the table below was read from it).
 */
class ThrottlingGroupsTest {

  private static final String A = "/restapi/v1.0/account/{accountId}";
  private static final String E = A + "/extension/{extensionId}";
  private static final String M = E + "/message-store/{messageId}";
  private static final String S = "/restapi/v1.0/subscription";

  private final RingCentralEmulator emu = RingCentralEmulator.builder().start();

  @AfterEach
  void stop() {
    emu.close();
  }

  @Test
  void everyApiRouteIsInTheGroupTheSpecAssigns() {
    Map<String, String> spec = new LinkedHashMap<>();
    spec.put("POST /restapi/oauth/token", "Auth");
    spec.put("POST /restapi/oauth/revoke", "Auth");
    spec.put("GET /restapi/oauth/authorize", "Auth");
    spec.put("POST /restapi/oauth/authorize", "Auth");
    spec.put("GET " + A, "Light");
    spec.put("GET " + A + "/extension", "Medium");
    spec.put("GET " + E, "Light");
    spec.put("GET " + E + "/message-store", "Light");
    spec.put("GET " + M, "Light");
    spec.put("PUT " + M, "Medium");
    spec.put("PATCH " + M, "Medium");
    spec.put("DELETE " + M, "Medium");
    spec.put("GET " + M + "/content/{attachmentId}", "Medium");
    spec.put("GET " + E + "/message-sync", "Light");
    spec.put("POST " + S, "Medium");
    spec.put("GET " + S, "Light");
    spec.put("GET " + S + "/{subscriptionId}", "Light");
    spec.put("PUT " + S + "/{subscriptionId}", "Medium");
    spec.put("DELETE " + S + "/{subscriptionId}", "Medium");
    spec.put("POST " + S + "/{subscriptionId}/renew", "Light");

    List<Route> api =
        Stream.concat(emu.platformRoutes().stream(), emu.mediaRoutes().stream())
            .filter(r -> r.template().startsWith("/restapi/"))
            .toList();
    Map<String, String> actual = new LinkedHashMap<>();
    api.forEach(r -> actual.put(r.method() + " " + r.template(), r.group().headerValue()));

    assertThat(actual).containsExactlyInAnyOrderEntriesOf(spec);
  }

  @Test
  void emulatorOnlyRoutesAreNeverThrottled() {
    assertThat(emu.platformRoutes())
        .filteredOn(r -> !r.template().startsWith("/restapi/"))
        .isNotEmpty()
        .allMatch(r -> r.group() == RateLimitGroup.NONE);
  }
}
