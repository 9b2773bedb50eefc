package dev.faxbridge.console;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.delivery.folder.FolderSettings;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.notification.TenantContacts;
import dev.faxbridge.provider.Acknowledgement;
import dev.faxbridge.sync.Backfill;
import dev.faxbridge.sync.DeadLetters;
import dev.faxbridge.sync.SourceAcknowledgements;
import dev.faxbridge.sync.SyncSchedule;
import dev.faxbridge.tenant.Tenant;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The clinics page (every clinic, what needs action first) and one clinic's page with the
 * operator's actions on it. Every action is a POST of a form (with the session's CSRF token) that
 * answers with a redirect back to the page and a line saying what happened.
 */
@Controller
class ClinicPages {

  private final ConsoleReads reads;
  private final ClinicLookup lookup;
  private final DeadLetters deadLetters;
  private final SyncSchedule schedule;
  private final Backfill backfill;
  private final SourceAcknowledgements acknowledgements;
  private final TenantContacts contacts;
  private final FolderSettings folder;
  private final AuditTrail audit;

  ClinicPages(
      ConsoleReads reads,
      ClinicLookup lookup,
      DeadLetters deadLetters,
      SyncSchedule schedule,
      Backfill backfill,
      SourceAcknowledgements acknowledgements,
      TenantContacts contacts,
      FolderSettings folder,
      AuditTrail audit) {
    this.reads = reads;
    this.lookup = lookup;
    this.deadLetters = deadLetters;
    this.schedule = schedule;
    this.backfill = backfill;
    this.acknowledgements = acknowledgements;
    this.contacts = contacts;
    this.folder = folder;
    this.audit = audit;
  }

  @GetMapping("/console")
  String home() {
    return "redirect:/console/clinics";
  }

  @GetMapping("/console/clinics")
  String clinics(@RequestParam(name = "q", required = false) String search, Model model) {
    var clinics = reads.clinics(search);
    model.addAttribute("clinics", clinics);
    model.addAttribute("q", search == null ? "" : search);
    model.addAttribute("needingAction", clinics.stream().filter(c -> c.urgency() <= 1).count());
    return "console/clinics";
  }

  @GetMapping("/console/clinics/{slug}")
  String clinic(@PathVariable String slug, Model model) {
    Tenant tenant = lookup.clinic(slug);
    model.addAttribute("clinic", tenant);
    model.addAttribute("connections", reads.connections(tenant.id().value()));
    model.addAttribute("mailboxes", reads.mailboxes(tenant.id().value()));
    model.addAttribute("faxes", reads.recentFaxes(tenant.id().value()));
    model.addAttribute("recentLimit", ConsoleReads.RECENT_FAXES);
    model.addAttribute("deadLetters", deadLetters.list(tenant.id()));
    model.addAttribute("acknowledgement", acknowledgements.of(tenant.id()).name());
    model.addAttribute("modes", Acknowledgement.values());
    model.addAttribute("contacts", contacts.find(tenant.id()).orElse(null));
    model.addAttribute(
        "dropFolder", folder.root().toAbsolutePath().normalize().resolve(tenant.slug()).toString());
    return "console/clinic";
  }

  @PostMapping("/console/clinics/{slug}/connections/{connectionId}/sync")
  String syncNow(
      @PathVariable String slug, @PathVariable String connectionId, RedirectAttributes flash) {
    ProviderConnection connection = lookup.connection(lookup.clinic(slug), connectionId);
    boolean moved = schedule.syncNow(connection.id());
    flash.addFlashAttribute(
        "done",
        moved
            ? "Sync of connection " + connection.id() + " asked for now."
            : "Sync of connection "
                + connection.id()
                + " asked for; it follows the sync under way.");
    return back(slug);
  }

  @PostMapping("/console/clinics/{slug}/connections/{connectionId}/backfill")
  String backfill(
      @PathVariable String slug,
      @PathVariable String connectionId,
      @RequestParam("from") String from,
      RedirectAttributes flash) {
    ProviderConnection connection = lookup.connection(lookup.clinic(slug), connectionId);
    LocalDate day;
    try {
      day = LocalDate.parse(from.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("A back-fill starts on a date such as 2026-11-01");
    }
    var applied = backfill.from(connection.id(), day.atStartOfDay(ZoneOffset.UTC).toInstant());
    flash.addFlashAttribute(
        "done",
        "Back-fill from " + applied + " requested; the next sync lists the mailboxes again.");
    return back(slug);
  }

  @PostMapping("/console/clinics/{slug}/acknowledgement")
  String acknowledgement(
      @PathVariable String slug, @RequestParam("mode") String mode, RedirectAttributes flash) {
    Tenant tenant = lookup.clinic(slug);
    Acknowledgement chosen;
    try {
      chosen = Acknowledgement.valueOf(mode);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Acknowledgement is one of NONE, MARK_READ, DELETE");
    }
    acknowledgements.set(tenant.id(), chosen);
    flash.addFlashAttribute("done", "Acknowledgement at the source is now " + chosen + ".");
    return back(slug);
  }

  @PostMapping("/console/clinics/{slug}/notifications")
  String notifications(
      @PathVariable String slug,
      @RequestParam(name = "contactEmail", required = false) String contactEmail,
      @RequestParam(name = "webhookUrl", required = false) String webhookUrl,
      @RequestParam(name = "webhookSecret", required = false) String webhookSecret,
      RedirectAttributes flash) {
    Tenant tenant = lookup.clinic(slug);
    URI webhook = webhookUrl == null || webhookUrl.isBlank() ? null : uri(webhookUrl.strip());
    String secret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret;
    if (webhook != null && secret == null) {
      // An empty secret field keeps the secret already set: it is never shown again.
      secret = contacts.find(tenant.id()).map(TenantContacts.Contacts::webhookSecret).orElse(null);
    }
    contacts.put(tenant.id(), new TenantContacts.Contacts(contactEmail, webhook, secret));
    flash.addFlashAttribute("done", "Notification settings saved.");
    return back(slug);
  }

  @PostMapping("/console/clinics/{slug}/dead-letters/{faxId}/retry")
  String retry(
      @PathVariable String slug,
      @PathVariable String faxId,
      Principal operator,
      RedirectAttributes flash) {
    InboundFax fax = lookup.fax(lookup.clinic(slug), faxId);
    flash.addFlashAttribute(
        "done",
        deadLetters
            .retry(fax.id(), operator.getName())
            .map(retried -> "Fax " + retried.id() + " will be tried again with fresh attempts.")
            .orElse("Fax " + fax.id() + " is no dead letter (any more); nothing to retry."));
    return back(slug);
  }

  /**
   * A fax's phone numbers in the clear, for the operator who asked; the asking is audited as the
   * operator API's reveal is.
   */
  @PostMapping("/console/clinics/{slug}/faxes/{faxId}/reveal")
  String reveal(
      @PathVariable String slug, @PathVariable String faxId, Principal operator, Model model) {
    Tenant tenant = lookup.clinic(slug);
    InboundFax fax = lookup.fax(tenant, faxId);
    audit.record(
        AuditKind.PHI_REVEALED,
        operator.getName(),
        tenant.id().value(),
        fax.connectionId().value(),
        fax.id(),
        Map.of("revealed", "phoneNumbers", "via", "console"));
    model.addAttribute("clinic", tenant);
    model.addAttribute("fax", fax);
    return "console/reveal";
  }

  private static URI uri(String text) {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The webhook URL is not a URL");
    }
  }

  private static String back(String slug) {
    return "redirect:/console/clinics/" + slug;
  }
}
