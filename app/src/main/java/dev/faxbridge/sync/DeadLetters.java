package dev.faxbridge.sync;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Faxes given up after too many attempts, for an operator to look at and retry. */
@Component
public class DeadLetters {

  private final FaxLedger ledger;
  private final SyncSchedule schedule;
  private final AuditTrail audit;

  DeadLetters(FaxLedger ledger, SyncSchedule schedule, AuditTrail audit) {
    this.ledger = ledger;
    this.schedule = schedule;
    this.audit = audit;
  }

  /** Dead letters of one tenant, or of every tenant when {@code tenant} is null. */
  public List<InboundFax> list(TenantId tenant) {
    return ledger.abandoned(tenant);
  }

  /**
   * Gives a dead letter a fresh set of attempts and syncs its connection now.
   *
   * @return the fax, or empty when it is not a dead letter (unknown, or already retried)
   */
  public Optional<InboundFax> retry(UUID faxId, String operator) {
    Optional<InboundFax> fax = ledger.find(faxId);
    if (fax.isEmpty() || !ledger.revive(faxId)) {
      return Optional.empty();
    }
    audit.record(
        AuditKind.FAX_RETRIED,
        operator,
        fax.get().tenantId().value(),
        fax.get().connectionId().value(),
        faxId,
        Map.of("previousAttempts", fax.get().attempts()));
    schedule.syncNow(fax.get().connectionId());
    return ledger.find(faxId);
  }
}
