package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import com.ringcentral.definitions.TokenInfo;
import com.ringcentral.definitions.UpdateMessageRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppConfigurationTest {

  private final Clinic clinic = new Clinic();

  @AfterEach
  void stop() {
    clinic.close();
  }

  private RestClient loginWith(AppSpec spec) throws Exception {
    ClientApp app = clinic.emu.createApp(spec);
    RestClient rc =
        new RestClient(app.clientId(), app.clientSecret(), clinic.emu.platformUrl().toString());
    rc.authorize(
        clinic.emu.issueJwtCredential(clinic.account.id(), clinic.owner(), app.clientId()));
    return rc;
  }

  private static void assertRefused(ThrowingCall call, int status, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RestException.class,
            e -> {
              assertThat(e.response.code()).isEqualTo(status);
              assertThat(e.getMessage()).contains(code);
            });
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void appWithoutReadMessagesGetsCmn401OnTheMessageStore() throws Exception {
    clinic.fax(clinic.owner(), 1);
    RestClient rc = loginWith(AppSpec.named("accounts only").scopes(Set.of("ReadAccounts")));

    assertThat(rc.token.scope).isEqualTo("ReadAccounts");
    assertThat(rc.restapi().account().extension().list().records).isNotEmpty();
    assertRefused(() -> rc.restapi().account().extension().messageStore().list(), 403, "CMN-401");
  }

  @Test
  void editMessagesIncludesReadMessages() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 1);
    RestClient rc = loginWith(AppSpec.named("editor").scopes(Set.of("EditMessages")));

    String uri =
        rc.restapi().account().extension().messageStore().list().records[0].attachments[0].uri;
    rc.get(uri).bytes();
    rc.restapi()
        .account()
        .extension()
        .messageStore(fax.messageId())
        .put(new UpdateMessageRequest().readStatus("Read"));

    assertRefused(() -> rc.restapi().account().extension().list(), 403, "CMN-401");
  }

  @Test
  void readOnlyAppCannotMarkRead() throws Exception {
    FaxMessage fax = clinic.fax(clinic.owner(), 1);
    RestClient rc = loginWith(AppSpec.named("reader").scopes(Set.of("ReadMessages")));

    assertRefused(
        () ->
            rc.restapi()
                .account()
                .extension()
                .messageStore(fax.messageId())
                .put(new UpdateMessageRequest().readStatus("Read")),
        403,
        "CMN-401");
  }

  @Test
  void appWithoutRefreshTokensGetsNoneAndCannotRefresh() throws Exception {
    RestClient rc =
        loginWith(AppSpec.named("no refresh").grants(EnumSet.of(AppSpec.Grant.JWT_BEARER)));
    TokenInfo token = rc.token;
    rc.token = new TokenInfo().access_token(token.access_token).refresh_token("anything");

    assertThat(token.refresh_token).isNull();
    assertThat(token.refresh_token_expires_in).isNull();
    assertRefused(rc::refresh, 400, "OAU-251");
  }

  @Test
  void appNotEnabledForJwtIsRefusedWithOau251() {
    ClientApp app =
        clinic.emu.createApp(
            AppSpec.named("web only")
                .redirectUris(List.of("https://x.example/cb"))
                .grants(EnumSet.of(AppSpec.Grant.AUTHORIZATION_CODE)));
    RestClient rc =
        new RestClient(app.clientId(), app.clientSecret(), clinic.emu.platformUrl().toString());

    assertRefused(
        () ->
            rc.authorize(
                clinic.emu.issueJwtCredential(clinic.account.id(), clinic.owner(), app.clientId())),
        400,
        "OAU-251");
  }

  @Test
  void appNotEnabledForTheCodeFlowIsRefusedAtAuthorize() throws Exception {
    ClientApp app =
        clinic.emu.createApp(
            AppSpec.named("jwt only")
                .redirectUris(List.of("https://x.example/cb"))
                .grants(EnumSet.of(AppSpec.Grant.JWT_BEARER)));
    String url =
        new RestClient(app.clientId(), app.clientSecret(), clinic.emu.platformUrl().toString())
            .authorizeUri("https://x.example/cb", "s");

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("OAU-251");
  }

  @Test
  void unknownScopeIsRejectedWhenTheAppIsRegistered() {
    assertThatThrownBy(() -> AppSpec.named("x").scopes(Set.of("ReadEverything")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ReadEverything");
  }
}
