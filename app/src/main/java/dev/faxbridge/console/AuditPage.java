package dev.faxbridge.console;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.tenant.Tenants;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Who did what: the audit trail, newest first, filtered by clinic, kind, actor and dates. */
@Controller
class AuditPage {

  private final ConsoleReads reads;
  private final Tenants tenants;

  AuditPage(ConsoleReads reads, Tenants tenants) {
    this.reads = reads;
    this.tenants = tenants;
  }

  @GetMapping("/console/audit")
  String audit(
      @RequestParam(name = "clinic", required = false) String clinic,
      @RequestParam(name = "kind", required = false) String kind,
      @RequestParam(name = "actor", required = false) String actor,
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to,
      @RequestParam(name = "before", required = false) Long before,
      Model model) {
    ConsoleReads.AuditFilter filter =
        new ConsoleReads.AuditFilter(
            blankToNull(clinic), kind(kind), blankToNull(actor), day(from, "from"), day(to, "to"));
    List<ConsoleReads.AuditRow> events = reads.audit(filter, before);
    model.addAttribute("events", events);
    model.addAttribute("filter", filter);
    model.addAttribute("clinics", tenants.all());
    model.addAttribute("kinds", AuditKind.values());
    model.addAttribute("actors", reads.auditActors());
    model.addAttribute(
        "older",
        events.size() == ConsoleReads.AUDIT_PAGE ? events.get(events.size() - 1).id() : null);
    return "console/audit";
  }

  private static AuditKind kind(String kind) {
    if (kind == null || kind.isBlank()) {
      return null;
    }
    try {
      return AuditKind.valueOf(kind);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("There is no audit event kind '" + kind + "'");
    }
  }

  private static LocalDate day(String text, String what) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + what + "' is a date such as 2026-11-01");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
