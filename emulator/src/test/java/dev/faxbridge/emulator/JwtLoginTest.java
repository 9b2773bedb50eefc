package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import com.ringcentral.definitions.TokenInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwtLoginTest {

  private final Clinic clinic = new Clinic();

  @AfterEach
  void stop() {
    clinic.close();
  }

  @Test
  void sdkExchangesJwtForTokenInfo() throws Exception {
    TokenInfo token = clinic.sdk().authorize(clinic.ownerJwt);

    assertThat(token.access_token).isNotBlank();
    assertThat(token.token_type).isEqualTo("bearer");
    assertThat(token.expires_in).isEqualTo(3600L);
    assertThat(token.refresh_token).isNotBlank();
    assertThat(token.refresh_token_expires_in).isEqualTo(604800L);
    assertThat(token.owner_id).isEqualTo(clinic.owner());
    assertThat(token.scope).contains("ReadMessages");
    assertThat(token.endpoint_id).isNotBlank();
    assertThat(token.session_id).isNotBlank();
  }

  @Test
  void jwtRestrictedToAnotherAppIsRefused() {
    ClientApp other = clinic.emu.createApp("someone else");
    RestClient rc =
        new RestClient(other.clientId(), other.clientSecret(), clinic.emu.platformUrl().toString());

    assertThatThrownBy(() -> rc.authorize(clinic.ownerJwt))
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(400);
              assertThat(e.getMessage()).contains("unauthorized_client").contains("OAU-251");
            });
  }

  @Test
  void forgedJwtIsRefusedWithInvalidGrant() {
    String[] parts = clinic.ownerJwt.split("\\.");
    String forged = parts[0] + "." + parts[1] + "." + "AAAA" + parts[2].substring(4);

    assertThatThrownBy(() -> clinic.sdk().authorize(forged))
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(401);
              assertThat(e.getMessage()).contains("invalid_grant").contains("OAU-140");
            });
  }

  @Test
  void wrongClientSecretIsRefusedWithInvalidClient() {
    RestClient rc =
        new RestClient(
            clinic.app.clientId(), "not-the-secret", clinic.emu.platformUrl().toString());

    assertThatThrownBy(() -> rc.authorize(clinic.ownerJwt))
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(401);
              assertThat(e.getMessage()).contains("invalid_client");
            });
  }

  @Test
  void disabledUserCannotLogIn() {
    clinic.emu.disableUser(clinic.account.id(), clinic.owner());

    assertThatThrownBy(() -> clinic.sdk().authorize(clinic.ownerJwt))
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.getMessage()).contains("OAU-141"));
  }

  @Test
  void revokedCredentialCannotLogIn() {
    assertThat(clinic.emu.revokeJwtCredential(clinic.ownerJwt)).isTrue();

    assertThatThrownBy(() -> clinic.sdk().authorize(clinic.ownerJwt))
        .isInstanceOfSatisfying(
            RestException.class, e -> assertThat(e.getMessage()).contains("OAU-140"));
  }

  @Test
  void apiCallWithoutTokenIsUnauthorized() {
    RestClient rc = clinic.loginAsOwner();
    rc.token.access_token = "U0pDMDFQAnot-a-token";

    assertThatThrownBy(() -> rc.restapi().account().extension().list())
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(401);
              assertThat(e.getMessage()).contains("OAU-213");
            });
  }

  @Test
  void expiredAccessTokenIsUnauthorizedWithTokenExpired() {
    RestClient rc = clinic.loginAsOwner();
    clinic.emu.clock().advance(java.time.Duration.ofMinutes(61));

    assertThatThrownBy(() -> rc.restapi().account().extension().list())
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(401);
              assertThat(e.getMessage()).contains("TokenExpired").contains("OAU-213");
            });
  }
}
