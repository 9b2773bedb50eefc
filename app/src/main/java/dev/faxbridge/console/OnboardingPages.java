package dev.faxbridge.console;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.AuthorizationRefused;
import dev.faxbridge.connection.ConnectLinks;
import dev.faxbridge.connection.Connected;
import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.web.CredentialAdvice;
import dev.faxbridge.notification.TenantContacts;
import dev.faxbridge.provider.ringcentral.RingCentralOnboarding;
import dev.faxbridge.sync.SyncSchedule;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Bringing a clinic on: add it, then either paste its JWT credential (the check's outcome in plain
 * words) or create a connect link to copy or email to the clinic, also to re-authorize a connection
 * that lost its authorization. A pasted credential is never shown back, logged or audited.
 */
@Controller
class OnboardingPages {

  private final Tenants tenants;
  private final ClinicLookup lookup;
  private final RingCentralOnboarding onboarding;
  private final SyncSchedule schedule;
  private final ConnectLinks links;
  private final TenantContacts contacts;
  private final AuditTrail audit;

  OnboardingPages(
      Tenants tenants,
      ClinicLookup lookup,
      RingCentralOnboarding onboarding,
      SyncSchedule schedule,
      ConnectLinks links,
      TenantContacts contacts,
      AuditTrail audit) {
    this.tenants = tenants;
    this.lookup = lookup;
    this.onboarding = onboarding;
    this.schedule = schedule;
    this.links = links;
    this.contacts = contacts;
    this.audit = audit;
  }

  @GetMapping("/console/onboarding")
  String page(@RequestParam(name = "clinic", required = false) String clinic, Model model) {
    model.addAttribute("clinics", tenants.all());
    model.addAttribute("selected", clinic);
    return "console/onboarding";
  }

  @PostMapping("/console/onboarding/clinics")
  String addClinic(
      @RequestParam("slug") String slug,
      @RequestParam("name") String name,
      @RequestParam(name = "syncIntervalSeconds", defaultValue = "60") int syncIntervalSeconds,
      Principal operator,
      RedirectAttributes flash) {
    Tenant tenant =
        tenants.create(slug.strip(), name.strip(), Duration.ofSeconds(syncIntervalSeconds));
    audit.record(
        AuditKind.TENANT_CREATED,
        operator.getName(),
        tenant.id().value(),
        null,
        null,
        Map.of("slug", tenant.slug()));
    flash.addFlashAttribute(
        "done", tenant.name() + " added. Now connect it: paste its JWT credential or send a link.");
    return "redirect:/console/onboarding?clinic=" + tenant.slug();
  }

  /**
   * Checks a pasted JWT credential against RingCentral and, when it is good, connects the clinic.
   */
  @PostMapping("/console/onboarding/jwt")
  String pasteJwt(
      @RequestParam("clinic") String slug,
      @RequestParam("jwt") String jwt,
      Principal operator,
      Model model) {
    Tenant tenant = lookup.clinic(slug);
    model.addAttribute("clinics", tenants.all());
    model.addAttribute("selected", tenant.slug());
    try {
      Connected connected =
          onboarding.connectWithJwt(tenant.id(), Optional.empty(), jwt.strip(), operator.getName());
      schedule.schedule(connected.connection().id());
      model.addAttribute("jwtOk", true);
      model.addAttribute("jwtTitle", "The credential works: " + tenant.name() + " is connected");
      model.addAttribute(
          "jwtMessage",
          "RingCentral account "
              + connected.connection().externalAccountId()
              + " is connected; faxbridge found "
              + connected.faxesFound()
              + (connected.faxesFound() == 1 ? " fax" : " faxes")
              + " in its fax mailboxes and starts syncing now.");
    } catch (AuthorizationRefused refused) {
      CredentialAdvice advice = CredentialAdvice.forReason(refused, onboarding.clientId());
      model.addAttribute("jwtOk", false);
      model.addAttribute("jwtTitle", advice.title());
      model.addAttribute("jwtMessage", advice.message());
      model.addAttribute("jwtNext", advice.next());
    }
    return "console/onboarding";
  }

  /**
   * Creates a connect link for the clinic, for a new connection or (with {@code connection}) to
   * re-authorize one, and shows it to copy or email.
   */
  @PostMapping("/console/onboarding/links")
  String createLink(
      @RequestParam("clinic") String slug,
      @RequestParam(name = "connection", required = false) String connectionId,
      @RequestParam(name = "offers", defaultValue = "both") String offered,
      Principal operator,
      Model model) {
    Tenant tenant = lookup.clinic(slug);
    Optional<ConnectionId> connection = Optional.empty();
    if (connectionId != null && !connectionId.isBlank()) {
      connection = Optional.of(lookup.connection(tenant, connectionId).id());
    }
    ConnectLinks.Offers offers =
        switch (offered) {
          case "sign-in" -> new ConnectLinks.Offers(true, false);
          case "jwt" -> new ConnectLinks.Offers(false, true);
          case "both" -> ConnectLinks.Offers.BOTH;
          default ->
              throw new IllegalArgumentException(
                  "A link offers the sign-in, the JWT credential, or both");
        };
    ConnectLinks.NewLink link = links.create(tenant.id(), connection, offers, operator.getName());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("linkId", link.id().toString());
    connection.ifPresent(c -> detail.put("connectionId", c.toString()));
    List<String> names = new ArrayList<>();
    if (offers.signIn()) {
      names.add("sign-in");
    }
    if (offers.jwt()) {
      names.add("jwt");
    }
    detail.put("offers", names);
    audit.record(
        AuditKind.CONNECT_LINK_CREATED,
        operator.getName(),
        tenant.id().value(),
        connection.map(ConnectionId::value).orElse(null),
        null,
        detail);
    String email = contacts.find(tenant.id()).map(TenantContacts.Contacts::contactEmail).orElse("");
    String subject =
        connection.isPresent()
            ? "Please connect your fax line to faxbridge again"
            : "Connect your fax line to faxbridge";
    String body =
        "Hello,\n\nplease open this link and follow the steps to connect "
            + tenant.name()
            + "'s RingCentral fax line:\n\n"
            + link.url()
            + "\n\nThe link works once and until "
            + ConsoleTime.minute(link.expiresAt())
            + ".\n";
    model.addAttribute("clinic", tenant);
    model.addAttribute("link", link);
    model.addAttribute("reauthorization", connection.isPresent());
    model.addAttribute("contactEmail", email);
    model.addAttribute(
        "mailto",
        "mailto:"
            + encode(email).replace("%40", "@")
            + "?subject="
            + encode(subject)
            + "&body="
            + encode(body));
    return "console/link";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
