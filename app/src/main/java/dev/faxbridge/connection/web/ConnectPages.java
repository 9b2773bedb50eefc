package dev.faxbridge.connection.web;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.AuthorizationCodeFlow;
import dev.faxbridge.connection.AuthorizationRefused;
import dev.faxbridge.connection.ConnectLinks;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.platform.RandomTokens;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * {@code GET /connect/{token}} explains what will happen; {@code POST /connect/{token}} sends the
 * clinic admin to RingCentral's sign-in with a fresh state and PKCE verifier; {@code GET
 * /connect/callback} redeems the code. A forged, replayed or expired state is refused, and the link
 * of a successful (or refused) sign-in is used up.
 */
@Controller
class ConnectPages {

  private static final Logger log = LoggerFactory.getLogger(ConnectPages.class);
  private static final String ACTOR = "clinic-admin";

  private final ConnectLinks links;
  private final Tenants tenants;
  private final AuthorizationCodeFlow onboarding;
  private final AuditTrail audit;

  ConnectPages(
      ConnectLinks links, Tenants tenants, AuthorizationCodeFlow onboarding, AuditTrail audit) {
    this.links = links;
    this.tenants = tenants;
    this.onboarding = onboarding;
    this.audit = audit;
  }

  @GetMapping("/connect/{token}")
  String page(@PathVariable String token, Model model, HttpServletResponse response) {
    Optional<ConnectLinks.Link> link = links.find(token);
    if (link.isEmpty() || !links.usable(link.get())) {
      return refused(
          link.isEmpty() ? "unknown" : link.get().usedAt() != null ? "used" : "expired",
          model,
          response);
    }
    Tenant tenant = tenants.get(link.get().tenantId());
    model.addAttribute("clinic", tenant.name());
    model.addAttribute("token", token);
    model.addAttribute("reauthorize", link.get().connectionId().isPresent());
    return "connect/start";
  }

  @PostMapping("/connect/{token}")
  Object start(@PathVariable String token, Model model, HttpServletResponse response) {
    Optional<ConnectLinks.Link> link = links.find(token);
    String state = RandomTokens.newToken();
    String verifier = RandomTokens.newToken() + RandomTokens.newToken();
    if (link.isEmpty() || !links.usable(link.get()) || !links.start(link.get(), state, verifier)) {
      return refused(
          link.isEmpty() ? "unknown" : link.get().usedAt() != null ? "used" : "expired",
          model,
          response);
    }
    RedirectView redirect = new RedirectView(onboarding.authorizeUrl(state, verifier).toString());
    redirect.setStatusCode(HttpStatus.SEE_OTHER);
    return redirect;
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
      audit.record(
          AuditKind.CONNECT_LINK_REFUSED,
          ACTOR,
          refused.link().map(l -> l.tenantId().value()).orElse(null),
          null,
          null,
          Map.of("reason", refused.reason()));
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
      ProviderConnection connection =
          onboarding.complete(
              link.tenantId(), link.connectionId(), code, claimed.codeVerifier(), ACTOR);
      links.finish(link.id(), "connected " + connection.id());
      model.addAttribute("title", "All set: " + tenant.name() + " is connected");
      model.addAttribute(
          "message",
          "faxbridge can now bring your clinic's RingCentral faxes into your health record system,"
              + " including any that arrived while it was disconnected. You can close this page.");
      model.addAttribute("success", true);
      return "connect/outcome";
    } catch (AuthorizationRefused refused) {
      links.finish(link.id(), "refused " + refused.reason());
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute("title", "This sign-in cannot be used");
      model.addAttribute("message", refused.getMessage());
      model.addAttribute("askForNewLink", true);
      return "connect/outcome";
    } catch (RuntimeException failure) {
      log.warn(
          "Connect link {}: sign-in could not be completed: {}", link.id(), failure.getMessage());
      links.release(link.id());
      response.setStatus(HttpStatus.BAD_GATEWAY.value());
      model.addAttribute("title", "RingCentral could not be reached");
      model.addAttribute(
          "message",
          "Nothing is wrong on your side. Please wait a few minutes, then open the link you were"
              + " sent again and sign in once more.");
      return "connect/outcome";
    }
  }

  private static String refused(String reason, Model model, HttpServletResponse response) {
    response.setStatus(
        reason.equals("unknown") ? HttpStatus.NOT_FOUND.value() : HttpStatus.GONE.value());
    model.addAttribute(
        "title",
        switch (reason) {
          case "used" -> "This link has already been used";
          case "expired" -> "This link has expired";
          default -> "This link is not valid";
        });
    model.addAttribute(
        "message",
        switch (reason) {
          case "used" ->
              "Each connect link works once, and this one has been used. If your clinic still"
                  + " needs to connect, ask your faxbridge operator for a new link.";
          case "expired" ->
              "For your security, connect links work for a limited time only. Please ask your"
                  + " faxbridge operator for a new link.";
          default ->
              "This address is not a valid connect link. Check that you opened the whole link from"
                  + " your message, or ask your faxbridge operator for a new one.";
        });
    model.addAttribute("askForNewLink", true);
    return "connect/outcome";
  }
}
