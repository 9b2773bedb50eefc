package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import com.ringcentral.definitions.TokenInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenLifecycleTest {

  private final Clinic clinic = new Clinic();

  @AfterEach
  void stop() {
    clinic.close();
  }

  private static void assertRefused(ThrowingRunnable call, int status, String... fragments) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(status);
              assertThat(e.getMessage()).contains(fragments);
            });
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private RestClient copy(RestClient rc, String accessToken, String refreshToken) {
    RestClient other = clinic.sdk();
    other.token =
        new TokenInfo().access_token(accessToken).refresh_token(refreshToken).token_type("bearer");
    return other;
  }

  @Test
  void refreshRotatesBothTokensAndKillsTheOldAccessToken() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    TokenInfo before = rc.token;

    TokenInfo after = rc.refresh();

    assertThat(after.access_token).isNotEqualTo(before.access_token);
    assertThat(after.refresh_token).isNotEqualTo(before.refresh_token);
    assertThat(after.session_id).isEqualTo(before.session_id);
    assertThat(rc.restapi().account().extension().list().records).isNotEmpty();
    RestClient stale = copy(rc, before.access_token, before.refresh_token);
    assertRefused(() -> stale.restapi().account().extension().list(), 401, "OAU-213");
  }

  @Test
  void repeatedRefreshWithinTheGraceReturnsTheSamePair() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    String oldRefresh = rc.token.refresh_token;
    TokenInfo first = rc.refresh();
    rc.restapi().account().extension().list();
    clinic.emu.clock().advance(Duration.ofSeconds(5));

    TokenInfo repeated = copy(rc, first.access_token, oldRefresh).refresh();

    assertThat(repeated.access_token).isEqualTo(first.access_token);
    assertThat(repeated.refresh_token).isEqualTo(first.refresh_token);
  }

  @Test
  void rotatedRefreshTokenIsUnusablePastTheGrace() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    String oldRefresh = rc.token.refresh_token;
    TokenInfo fresh = rc.refresh();
    rc.restapi().account().extension().list();
    clinic.emu.clock().advance(Duration.ofSeconds(11));

    RestClient late = copy(rc, fresh.access_token, oldRefresh);

    assertRefused(late::refresh, 400, "invalid_grant", "OAU-213");
    assertThat(rc.refresh().access_token).isNotEqualTo(fresh.access_token);
  }

  @Test
  void rotatedRefreshTokenStaysAnsweredWhileTheNewAccessTokenIsUnused() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    String oldRefresh = rc.token.refresh_token;
    TokenInfo fresh = rc.refresh();
    clinic.emu.clock().advance(Duration.ofMinutes(30));

    TokenInfo repeated = copy(rc, null, oldRefresh).refresh();

    assertThat(repeated.access_token).isEqualTo(fresh.access_token);
  }

  @Test
  void refreshTokenExpiresAfterItsLifetimeUnused() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.clock().advance(Duration.ofDays(7).plusSeconds(1));

    assertRefused(rc::refresh, 400, "invalid_grant", "OAU-210");
  }

  @Test
  void refreshingWithinTheLifetimeKeepsTheSessionAliveForAnotherLifetime() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.clock().advance(Duration.ofDays(6));
    TokenInfo renewed = rc.refresh();
    clinic.emu.clock().advance(Duration.ofDays(6));

    assertThat(renewed.refresh_token_expires_in).isEqualTo(604800L);
    assertThat(rc.refresh().access_token).isNotBlank();
  }

  @Test
  void revokeEndsTheWholeSession() throws Exception {
    RestClient rc = clinic.loginAsOwner();
    TokenInfo token = rc.token;

    rc.revoke();

    RestClient after = copy(rc, token.access_token, token.refresh_token);
    assertRefused(() -> after.restapi().account().extension().list(), 401, "OAU-213");
    assertRefused(after::refresh, 400, "OAU-213");
  }

  @Test
  void sixthSessionOfAUserAndAppEvictsTheOldest() throws Exception {
    List<RestClient> sessions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sessions.add(clinic.loginAsOwner());
      clinic.emu.clock().advance(Duration.ofSeconds(13)); // stay within the Auth group's 5/min
    }

    assertRefused(() -> sessions.get(0).restapi().account().extension().list(), 401, "OAU-213");
    for (RestClient live : sessions.subList(1, 6)) {
      assertThat(live.restapi().account().extension().list().records).isNotEmpty();
    }
  }

  @Test
  void configuredLifetimesShapeTheTokenInfo() throws Exception {
    clinic.emu.tokenLifetimes(Duration.ofSeconds(30), Duration.ofMinutes(5));

    RestClient rc = clinic.loginAsOwner();
    clinic.emu.clock().advance(Duration.ofSeconds(31));

    assertThat(rc.token.expires_in).isEqualTo(30L);
    assertThat(rc.token.refresh_token_expires_in).isEqualTo(300L);
    assertRefused(() -> rc.restapi().account().extension().list(), 401, "TokenExpired");
    assertThat(rc.refresh().expires_in).isEqualTo(30L);
  }

  @Test
  void requestedAccessTokenTtlIsHonouredWithinTheDocumentedRange() throws Exception {
    TokenInfo token =
        clinic
            .sdk()
            .authorize(
                new com.ringcentral.definitions.GetTokenRequest()
                    .grant_type(OAuthEndpoints.JWT_BEARER)
                    .assertion(clinic.ownerJwt)
                    .access_token_ttl(900L));

    assertThat(token.expires_in).isEqualTo(900L);
  }

  @Test
  void disablingTheUserEndsItsSessions() throws Exception {
    RestClient rc = clinic.loginAsOwner();

    clinic.emu.disableUser(clinic.account.id(), clinic.owner());

    assertRefused(() -> rc.restapi().account().extension().list(), 401, "OAU-213");
    assertRefused(rc::refresh, 400, "OAU-213");
  }

  @Test
  void unsupportedGrantTypeIsOau250() {
    assertRefused(
        () ->
            clinic
                .sdk()
                .authorize(
                    new com.ringcentral.definitions.GetTokenRequest()
                        .grant_type("client_credentials")),
        400,
        "OAU-250");
  }
}
