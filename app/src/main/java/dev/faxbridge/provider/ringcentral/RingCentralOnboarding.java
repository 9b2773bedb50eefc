package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.AuthMethod;
import dev.faxbridge.connection.AuthorizationCodeFlow;
import dev.faxbridge.connection.AuthorizationRefused;
import dev.faxbridge.connection.Authorizations;
import dev.faxbridge.connection.ConnectSettings;
import dev.faxbridge.connection.Connected;
import dev.faxbridge.connection.ConnectionAuthorized;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.JwtHandover;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.connection.SourceOnboarding;
import dev.faxbridge.connection.TokenSet;
import dev.faxbridge.platform.RandomTokens;
import dev.faxbridge.provider.Mailbox;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.tenant.TenantId;
import dev.faxbridge.tenant.Tenants;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adds a clinic's RingCentral account to a tenant, or authorizes an existing connection again, by
 * JWT credential or by authorization code. Every new authorization is checked at once: who
 * authorized, on which account, whether that user is an administrator, which extensions the account
 * has and whether their fax mailboxes can be read; the result is stored. Failures carry a message
 * for the person at hand, saying what is wrong and what to do.
 */
public class RingCentralOnboarding implements AuthorizationCodeFlow, JwtHandover, SourceOnboarding {

  /** Mailboxes probed per authorization at most, to stay well inside the Light rate group. */
  private static final int MAILBOX_PROBES = 20;

  private final RingCentralClient client;
  private final Connections connections;
  private final AuditTrail audit;
  private final Authorizations authorizations;
  private final RingCentralSettings settings;
  private final ConnectSettings connect;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final RateLimitBudget budget;
  private final Tenants tenants;
  private final ExtensionListing listing;
  private final JsonMapper json = JsonMapper.builder().build();

  RingCentralOnboarding(
      RingCentralClient client,
      Connections connections,
      AuditTrail audit,
      Authorizations authorizations,
      RingCentralSettings settings,
      ConnectSettings connect,
      ApplicationEventPublisher events,
      Clock clock,
      RateLimitBudget budget,
      Tenants tenants,
      ExtensionListing listing) {
    this.client = client;
    this.connections = connections;
    this.audit = audit;
    this.authorizations = authorizations;
    this.settings = settings;
    this.connect = connect;
    this.events = events;
    this.clock = clock;
    this.budget = budget;
    this.tenants = tenants;
    this.listing = listing;
  }

  /**
   * Validates a JWT credential and stores the connection; when the tenant already has a connection
   * to that account, the credential replaces its authorization (a re-authorization).
   *
   * @param actor who asked (an operator name), for the audit trail
   * @throws AuthorizationRefused with a message for the person who handed over the credential
   */
  public ProviderConnection connectWithJwt(TenantId tenant, String jwtCredential, String actor) {
    return connectWithJwt(tenant, Optional.empty(), jwtCredential, actor).connection();
  }

  @Override
  public Provider provider() {
    return Provider.RINGCENTRAL;
  }

  /** Connects with the {@code jwt} field: {@link #connectWithJwt(TenantId, String, String)}. */
  @Override
  public Connected connect(TenantId tenant, Map<String, String> credentials, String actor) {
    return connectWithJwt(tenant, Optional.empty(), credentials.get("jwt"), actor);
  }

  @Override
  public Connected connectWithJwt(
      TenantId tenant, Optional<ConnectionId> connection, String jwtCredential, String actor) {
    checkJwtShape(tenant, jwtCredential, actor);
    TokenSet tokens;
    try {
      tokens = client.exchangeJwt(jwtCredential).toTokenSet(clock.instant());
    } catch (ProviderException.AuthorizationRevoked refused) {
      throw refuse(tenant, actor, String.valueOf(refused.providerCode()), jwtRefusal(refused));
    }
    return authorize(tenant, connection, AuthMethod.JWT, jwtCredential, tokens, actor);
  }

  @Override
  public String clientId() {
    settings.requireApp();
    return settings.clientId();
  }

  @Override
  public URI createCredentialUrl() {
    return URI.create(
        "https://developers.ringcentral.com/console/my-credentials/create?client_id="
            + URLEncoder.encode(clientId(), StandardCharsets.UTF_8));
  }

  @Override
  public URI authorizeUrl(String state, String codeVerifier) {
    settings.requireApp();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", settings.clientId());
    query.put("redirect_uri", connect.callbackUrl());
    query.put("state", state);
    query.put("code_challenge", RandomTokens.s256Challenge(codeVerifier));
    query.put("code_challenge_method", "S256");
    StringBuilder url =
        new StringBuilder(settings.serverUrl().resolve("/restapi/oauth/authorize").toString());
    char separator = '?';
    for (Map.Entry<String, String> entry : query.entrySet()) {
      url.append(separator)
          .append(entry.getKey())
          .append('=')
          .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return URI.create(url.toString());
  }

  @Override
  public Connected complete(
      TenantId tenant,
      Optional<ConnectionId> connection,
      String code,
      String codeVerifier,
      String actor) {
    TokenSet tokens;
    try {
      tokens =
          client
              .exchangeCode(code, connect.callbackUrl(), codeVerifier)
              .toTokenSet(clock.instant());
    } catch (ProviderException.AuthorizationRevoked refused) {
      throw refuse(
          tenant,
          actor,
          String.valueOf(refused.providerCode()),
          "RingCentral did not accept the sign-in ("
              + refused.getMessage()
              + "). It may have taken too long. Please open the connect link again and sign in"
              + " once more.");
    }
    return authorize(tenant, connection, AuthMethod.AUTHORIZATION_CODE, null, tokens, actor);
  }

  private Connected authorize(
      TenantId tenant,
      Optional<ConnectionId> bound,
      AuthMethod method,
      String credential,
      TokenSet tokens,
      String actor) {
    String token = tokens.accessToken();
    JsonNode me = client.get(token, "/restapi/v1.0/account/~/extension/~", "the authorizing user");
    String accountId = Json.text(me.get("account"), "id");
    String ownerId = Json.text(me, "id");
    if (accountId == null || ownerId == null) {
      throw new ProviderException.Unavailable(
          "RingCentral's answer about the authorizing user lacks the account or extension id");
    }
    // From here on the calls are the user's: they share the lanes of the user's syncs, and the
    // token call and this first read, sent before the user was known, count in them too.
    String holder = RateLimitBudget.holder(accountId, ownerId);
    String slug = tenants.find(tenant).map(t -> t.slug()).orElse(tenant.toString());
    Supplier<String> tenantTag = () -> slug; // looked up once, not once per new lane
    budget.lane(holder, RateLimitGroup.AUTH, tenantTag).sentUnpaced();
    budget.lane(holder, RateLimitGroup.LIGHT, tenantTag).sentUnpaced();
    JsonNode admin = me.path("permissions").path("admin");
    if (admin.isObject() && !admin.path("enabled").asBoolean(false)) {
      throw refuse(
          tenant,
          actor,
          "not-admin",
          "The RingCentral user who "
              + (method == AuthMethod.JWT ? "created this credential" : "signed in")
              + " is not an administrator of the clinic's RingCentral account, so faxbridge"
              + " could read only that user's own faxes. A super admin (ideally a dedicated"
              + " service user) must "
              + (method == AuthMethod.JWT ? "create the credential." : "sign in."));
    }
    Optional<ProviderConnection> existing =
        bound
            .map(connections::get)
            .or(() -> connections.findByAccount(tenant, Provider.RINGCENTRAL, accountId));
    if (existing.isPresent() && !accountId.equals(existing.get().externalAccountId())) {
      throw refuse(
          tenant,
          actor,
          "other-account",
          "You signed in to a different RingCentral account than the one this link is for."
              + " Please sign in with an administrator of the clinic's own account.");
    }
    MailboxCheck mailboxes =
        checkMailboxes(
            token,
            budget.lane(holder, RateLimitGroup.MEDIUM, tenantTag),
            budget.lane(holder, RateLimitGroup.LIGHT, tenantTag));
    if (!mailboxes.faxMailboxes().isEmpty() && mailboxes.readable() == 0) {
      throw refuse(
          tenant,
          actor,
          "mailboxes-unreadable",
          "faxbridge could not read any fax mailbox of this RingCentral account with this"
              + " authorization. The user needs the permission to read messages of all users"
              + " (super admin role).");
    }
    Authorizations.Stored stored =
        authorizations.store(
            tenant,
            existing,
            Provider.RINGCENTRAL,
            method,
            credential,
            accountId,
            ownerId,
            "ownerExtensionId",
            tokens,
            actor);
    ProviderConnection connection = stored.connection();
    boolean restored = stored.restored();
    audit.record(
        AuditKind.CREDENTIAL_VALIDATED,
        actor,
        tenant.value(),
        connection.id().value(),
        null,
        Map.of(
            "ownerExtensionId", ownerId,
            "extensions", mailboxes.extensions(),
            "mailboxesReadable", mailboxes.readable(),
            "mailboxesRefused", mailboxes.refused()));
    authorizations.recordCheck(
        connection.id(),
        new Authorizations.Check(
            method,
            accountId,
            ownerId,
            actor,
            mailboxes.extensions(),
            mailboxes.readable(),
            mailboxes.refused()));
    listing.listedByAuthorization(connection.id(), mailboxes.faxMailboxes());
    events.publishEvent(new ConnectionAuthorized(connection.id(), tenant, restored));
    return new Connected(connection, mailboxes.faxes());
  }

  /**
   * What the account looked like at authorization; {@code faxes} counts the faxes the readable
   * mailboxes reported (the platform's default listing window, the last day).
   */
  record MailboxCheck(
      int extensions, List<Mailbox> faxMailboxes, int readable, int refused, int faxes) {}

  /**
   * Lists the account's enabled extensions and reads one record of each fax mailbox's inbox (up to
   * {@link #MAILBOX_PROBES}), proving the authorization reaches the faxes, not only the user.
   */
  private MailboxCheck checkMailboxes(
      String token, RateLimitBudget.Lane medium, RateLimitBudget.Lane light) {
    int extensions = 0;
    List<Mailbox> faxMailboxes = new ArrayList<>();
    int readable = 0;
    int refused = 0;
    int faxes = 0;
    for (int page = 1; ; page++) {
      JsonNode answer = client.get(medium, token, ExtensionListing.page(page), "extension list");
      for (JsonNode record : Json.records(answer, "extension list")) {
        extensions++;
        Optional<Mailbox> mailbox = ExtensionListing.faxMailbox(record);
        if (mailbox.isEmpty()) {
          continue;
        }
        faxMailboxes.add(mailbox.get());
        if (readable + refused >= MAILBOX_PROBES) {
          continue;
        }
        String id = mailbox.get().id();
        try {
          JsonNode inbox =
              client.get(
                  light,
                  token,
                  "/restapi/v1.0/account/~/extension/"
                      + id
                      + "/message-store?messageType=Fax&perPage=1",
                  "mailbox check of extension " + id);
          JsonNode total = inbox.path("paging").path("totalElements");
          faxes += total.canConvertToInt() ? total.asInt() : inbox.path("records").size();
          readable++;
        } catch (ProviderException.Gone | RingCentralClient.TokenRejected denied) {
          refused++;
        } catch (ProviderException.Unavailable denied) {
          if (denied.getMessage() != null && denied.getMessage().contains("HTTP 403")) {
            refused++;
          } else {
            throw denied;
          }
        }
      }
      if (!Json.hasNextPage(answer)) {
        return new MailboxCheck(extensions, faxMailboxes, readable, refused, faxes);
      }
    }
  }

  /**
   * Checks what can be checked without calling RingCentral: the shape, the environment the
   * credential was made for (its audience), and its expiry. The claims are read, not trusted: only
   * the platform can verify the signature.
   */
  private void checkJwtShape(TenantId tenant, String jwt, String actor) {
    String notAJwt =
        "That is not a JWT credential: it should be three dot-separated parts, as copied from"
            + " the RingCentral developer console's Credentials page";
    if (jwt == null || jwt.isBlank() || jwt.chars().filter(c -> c == '.').count() != 2) {
      throw refuse(tenant, actor, "not-a-jwt", notAJwt);
    }
    JsonNode claims;
    try {
      String payload = jwt.strip().split("\\.")[1];
      claims =
          json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | JacksonException e) {
      throw refuse(tenant, actor, "not-a-jwt", notAJwt);
    }
    if (claims == null || !claims.isObject()) {
      throw refuse(tenant, actor, "not-a-jwt", notAJwt);
    }
    String audience = audienceHost(claims);
    String ours = settings.audienceAuthority();
    if (audience != null && ours != null && !audience.equalsIgnoreCase(ours)) {
      throw refuse(
          tenant,
          actor,
          "wrong-environment",
          "This JWT credential was made for "
              + audience
              + ", but faxbridge is connected to "
              + ours
              + ". Sandbox and production credentials are not interchangeable: ask the clinic"
              + " admin to create the credential in the production developer console.");
    }
    JsonNode exp = claims.get("exp");
    if (exp != null
        && exp.canConvertToLong()
        && !Instant.ofEpochSecond(exp.asLong()).isAfter(clock.instant())) {
      throw refuse(
          tenant,
          actor,
          "expired",
          "This JWT credential expired on "
              + Instant.ofEpochSecond(exp.asLong())
              + ". Ask the clinic admin to create a new one, ideally without an expiry date.");
    }
  }

  private static String audienceHost(JsonNode claims) {
    JsonNode aud = claims.get("aud");
    String text = null;
    if (aud != null && aud.isString()) {
      text = aud.asString();
    } else if (aud != null && aud.isArray() && !aud.isEmpty()) {
      text = aud.get(0).asString();
    }
    if (text == null) {
      JsonNode iss = claims.get("iss");
      text = iss != null && iss.isString() ? iss.asString() : null;
    }
    if (text == null) {
      return null;
    }
    try {
      return URI.create(text).getAuthority();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** What the platform's refusal of a JWT exchange means for the clinic admin. */
  private String jwtRefusal(ProviderException.AuthorizationRevoked refused) {
    String code = String.valueOf(refused.providerCode());
    String newCredential =
        " Ask the clinic admin to create a new JWT credential with \"Only specific apps of my"
            + " choice\" and faxbridge's client id "
            + settings.clientId()
            + ": "
            + createCredentialUrl();
    return switch (code) {
      case "OAU-251" ->
          "This JWT credential is restricted to another app, not to faxbridge's (client id "
              + settings.clientId()
              + ")."
              + newCredential
              + " (If every clinic's credential fails this way, faxbridge's own app is not enabled"
              + " for the JWT auth flow in the developer console.)";
      case "OAU-140" ->
          "RingCentral does not know this JWT credential: it was revoked, or it belongs to another"
              + " environment."
              + newCredential;
      case "OAU-141", "OAU-142" ->
          "The RingCentral user who created this JWT credential is disabled (or its account is not"
              + " active), so RingCentral refuses to sign it in. Ask a super admin of the clinic to"
              + " create the credential as an active user, ideally a dedicated service user.";
      case "OAU-210" -> "This JWT credential has expired." + newCredential;
      default ->
          "RingCentral does not accept this JWT credential ("
              + refused.getMessage()
              + ")."
              + newCredential;
    };
  }

  private AuthorizationRefused refuse(
      TenantId tenant, String actor, String reason, String message) {
    audit.record(
        AuditKind.CREDENTIAL_REJECTED, actor, tenant.value(), null, null, Map.of("reason", reason));
    return new AuthorizationRefused(reason, message);
  }
}
