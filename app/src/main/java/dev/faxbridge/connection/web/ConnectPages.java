package dev.faxbridge.connection.web;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.AuthMethod;
import dev.faxbridge.connection.AuthorizationCodeFlow;
import dev.faxbridge.connection.AuthorizationRefused;
import dev.faxbridge.connection.ConnectLinkLocked;
import dev.faxbridge.connection.ConnectLinks;
import dev.faxbridge.connection.ConnectSettings;
import dev.faxbridge.connection.Connected;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.JwtHandover;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.platform.RandomTokens;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * {@code GET /connect/{token}} explains the ways of connecting the link offers; {@code POST
 * /connect/{token}} sends the clinic admin to RingCentral's sign-in with a fresh state and PKCE
 * verifier; {@code GET /connect/callback} redeems the code; {@code POST /connect/{token}/jwt} takes
 * a pasted JWT credential (the form carries a CSRF token). A forged, replayed or expired state is
 * refused; a link is used up when a connection succeeds (or a sign-in is refused), never when it is
 * opened. A pasted credential is never shown, logged or audited.
 */
@Controller
class ConnectPages {

  private static final Logger log = LoggerFactory.getLogger(ConnectPages.class);
  private static final String ACTOR = "clinic-admin";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final ConnectLinks links;
  private final Tenants tenants;
  private final Connections connections;
  private final AuthorizationCodeFlow signIn;
  private final JwtHandover handover;
  private final AuditTrail audit;
  private final ConnectSettings settings;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;

  ConnectPages(
      ConnectLinks links,
      Tenants tenants,
      Connections connections,
      AuthorizationCodeFlow signIn,
      JwtHandover handover,
      AuditTrail audit,
      ConnectSettings settings,
      ApplicationEventPublisher events,
      TransactionTemplate transactions) {
    this.links = links;
    this.tenants = tenants;
    this.connections = connections;
    this.signIn = signIn;
    this.handover = handover;
    this.audit = audit;
    this.settings = settings;
    this.events = events;
    this.transactions = transactions;
  }

  @GetMapping("/connect/{token}")
  String page(
      @PathVariable String token, CsrfToken csrf, Model model, HttpServletResponse response) {
    Optional<ConnectLinks.Link> link = links.find(token);
    Optional<String> refusal = link.isEmpty() ? Optional.of("unknown") : links.refusal(link.get());
    if (refusal.isPresent()) {
      return refused(refusal.get(), model, response);
    }
    return start(link.get(), token, csrf, model);
  }

  @PostMapping("/connect/{token}")
  Object startSignIn(@PathVariable String token, Model model, HttpServletResponse response) {
    Optional<ConnectLinks.Link> link = links.find(token);
    Optional<String> refusal = link.isEmpty() ? Optional.of("unknown") : links.refusal(link.get());
    if (refusal.isEmpty() && !link.get().offers().signIn()) {
      refusal = Optional.of("not-offered");
    }
    String state = RandomTokens.newToken();
    String verifier = RandomTokens.newToken() + RandomTokens.newToken();
    if (refusal.isPresent() || !links.start(link.get(), state, verifier)) {
      return refused(refusal.orElse("locked"), model, response);
    }
    RedirectView redirect = new RedirectView(signIn.authorizeUrl(state, verifier).toString());
    redirect.setStatusCode(HttpStatus.SEE_OTHER);
    return redirect;
  }

  @PostMapping("/connect/{token}/jwt")
  String pasteJwt(
      @PathVariable String token,
      @RequestParam(name = "jwt", required = false) String jwt,
      CsrfToken csrf,
      Model model,
      HttpServletResponse response) {
    Optional<ConnectLinks.Link> found = links.find(token);
    Optional<String> refusal =
        found.isEmpty() ? Optional.of("unknown") : links.refusal(found.get());
    if (refusal.isEmpty() && !found.get().offers().jwt()) {
      refusal = Optional.of("not-offered");
    }
    if (refusal.isEmpty() && !links.claimForCredential(found.get())) {
      refusal = Optional.of(links.refusal(links.find(token).orElseThrow()).orElse("locked"));
    }
    if (refusal.isPresent()) {
      auditRefusedLink(found, refusal.get());
      return refused(refusal.get(), model, response);
    }
    ConnectLinks.Link link = found.get();
    Tenant tenant = tenants.get(link.tenantId());
    try {
      Connected connected =
          handover.connectWithJwt(
              link.tenantId(), link.connectionId(), jwt == null ? "" : jwt.strip(), ACTOR);
      links.finish(link.id(), "connected " + connected.connection().id());
      return connected(tenant, connected, model);
    } catch (AuthorizationRefused refused) {
      ConnectLinks.Failure failure = credentialRefused(link, refused.reason());
      if (failure.lockedNow()) {
        return refused("locked", model, response);
      }
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute("problem", CredentialAdvice.forReason(refused, handover.clientId()));
      return start(links.find(token).orElseThrow(), token, csrf, model);
    } catch (RuntimeException failure) {
      // The exception's message is not logged: nothing may risk carrying the credential.
      log.warn(
          "Connect link {}: the pasted credential could not be checked ({})",
          link.id(),
          failure.getClass().getSimpleName());
      links.release(link.id());
      return unreachable(model, response);
    }
  }

  @GetMapping("/connect/callback")
  String callback(
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String error,
      Model model,
      HttpServletResponse response) {
    if (error != null) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("title", "RingCentral access was not granted");
      model.addAttribute(
          "message",
          "The sign-in at RingCentral was cancelled or access was not allowed, so nothing was"
              + " changed. To try again, open the link you were sent once more.");
      return "connect/outcome";
    }
    ConnectLinks.Claim claim = links.claim(state);
    if (claim instanceof ConnectLinks.Claim.Refused refused) {
      auditRefusedLink(refused.link(), refused.reason());
      return refused(refused.reason(), model, response);
    }
    ConnectLinks.Claim.Claimed claimed = (ConnectLinks.Claim.Claimed) claim;
    ConnectLinks.Link link = claimed.link();
    Tenant tenant = tenants.get(link.tenantId());
    model.addAttribute("clinic", tenant.name());
    if (code == null || code.isBlank()) {
      links.release(link.id());
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("title", "The sign-in did not finish");
      model.addAttribute(
          "message", "RingCentral sent no authorization. Please open your link again.");
      return "connect/outcome";
    }
    try {
      Connected connected =
          signIn.complete(
              link.tenantId(), link.connectionId(), code, claimed.codeVerifier(), ACTOR);
      links.finish(link.id(), "connected " + connected.connection().id());
      return connected(tenant, connected, model);
    } catch (AuthorizationRefused refused) {
      links.finish(link.id(), "refused " + refused.reason());
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute("title", "This sign-in cannot be used");
      model.addAttribute("message", refused.getMessage());
      model.addAttribute("askForNewLink", true);
      model.addAttribute("contact", settings.contact());
      return "connect/outcome";
    } catch (RuntimeException failure) {
      log.warn(
          "Connect link {}: sign-in could not be completed: {}", link.id(), failure.getMessage());
      links.release(link.id());
      return unreachable(model, response);
    }
  }

  /** The start page of a usable link; the CSRF token is made now, before the page streams. */
  private String start(ConnectLinks.Link link, String token, CsrfToken csrf, Model model) {
    csrf.getToken();
    Tenant tenant = tenants.get(link.tenantId());
    model.addAttribute("clinic", tenant.name());
    model.addAttribute("token", token);
    model.addAttribute("offers", link.offers());
    model.addAttribute("contact", settings.contact());
    if (link.offers().jwt()) {
      model.addAttribute("clientId", handover.clientId());
      model.addAttribute("createCredentialUrl", handover.createCredentialUrl().toString());
    }
    link.connectionId()
        .map(connections::get)
        .ifPresent(repaired -> model.addAttribute("repairs", describe(repaired)));
    return "connect/start";
  }

  /** Names a connection for the clinic: its account, how and since when it was connected. */
  private static String describe(ProviderConnection connection) {
    return "RingCentral account "
        + connection.externalAccountId()
        + ", connected on "
        + DAY.format(connection.createdAt())
        + (connection.authMethod() == AuthMethod.JWT
            ? " with a JWT credential"
            : " by signing in to RingCentral");
  }

  private String connected(Tenant tenant, Connected connected, Model model) {
    model.addAttribute("title", "All set: " + tenant.name() + " is connected");
    model.addAttribute(
        "message",
        "faxbridge can now bring your clinic's RingCentral faxes into your health record system,"
            + " including any that arrived while it was disconnected. You can close this page.");
    model.addAttribute("faxesFound", connected.faxesFound());
    model.addAttribute("success", true);
    model.addAttribute("contact", settings.contact());
    return "connect/outcome";
  }

  /**
   * Counts a refused credential against the link; the refusal that locks it is audited and
   * announced in the same transaction, so the operator hears of it exactly once.
   */
  private ConnectLinks.Failure credentialRefused(ConnectLinks.Link link, String reason) {
    return transactions.execute(
        status -> {
          ConnectLinks.Failure failure = links.credentialRefused(link.id(), reason);
          if (failure.lockedNow()) {
            audit.record(
                AuditKind.CONNECT_LINK_LOCKED,
                ACTOR,
                link.tenantId().value(),
                link.connectionId().map(c -> c.value()).orElse(null),
                null,
                Map.of(
                    "linkId", link.id().toString(),
                    "failedCredentials", failure.failedCredentials()));
            events.publishEvent(
                new ConnectLinkLocked(link.id(), link.tenantId(), failure.failedCredentials()));
            log.warn(
                "Connect link {} locked after {} refused credentials",
                link.id(),
                failure.failedCredentials());
          }
          return failure;
        });
  }

  private void auditRefusedLink(Optional<ConnectLinks.Link> link, String reason) {
    audit.record(
        AuditKind.CONNECT_LINK_REFUSED,
        ACTOR,
        link.map(l -> l.tenantId().value()).orElse(null),
        null,
        null,
        Map.of("reason", reason));
  }

  private String unreachable(Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.BAD_GATEWAY.value());
    model.addAttribute("title", "RingCentral could not be reached");
    model.addAttribute(
        "message",
        "Nothing is wrong on your side. Please wait a few minutes, then open the link you were"
            + " sent again and try once more.");
    model.addAttribute("contact", settings.contact());
    return "connect/outcome";
  }

  private String refused(String reason, Model model, HttpServletResponse response) {
    response.setStatus(
        switch (reason) {
          case "unknown" -> HttpStatus.NOT_FOUND.value();
          case "locked" -> HttpStatus.LOCKED.value();
          case "not-offered" -> HttpStatus.FORBIDDEN.value();
          default -> HttpStatus.GONE.value();
        });
    model.addAttribute(
        "title",
        switch (reason) {
          case "used" -> "This link has already been used";
          case "expired" -> "This link has expired";
          case "revoked" -> "This link was withdrawn";
          case "locked" -> "This link is locked";
          case "not-offered" -> "This link does not offer that way of connecting";
          default -> "This link is not valid";
        });
    model.addAttribute(
        "message",
        switch (reason) {
          case "used" ->
              "Each connect link works once, and this one has been used. If your clinic still"
                  + " needs to connect, ask for a new link.";
          case "expired" ->
              "For your security, connect links work for a limited time only. Please ask for a"
                  + " new link.";
          case "revoked" ->
              "Your faxbridge operator withdrew this link, for example because it reached the"
                  + " wrong person. Please ask for a new link.";
          case "locked" ->
              "This link was tried too many times, so it was locked to keep your clinic's faxes"
                  + " safe. Please ask for a new link.";
          case "not-offered" ->
              "Please open the link you were sent again and follow the steps on that page.";
          default ->
              "This address is not a valid connect link. Check that you opened the whole link from"
                  + " your message, or ask for a new one.";
        });
    model.addAttribute("askForNewLink", true);
    model.addAttribute("contact", settings.contact());
    return "connect/outcome";
  }
}
