package dev.faxbridge.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long records are kept before the daily purge deletes them.
 *
 * @param ledger how long a ledger row (a fax's metadata) is kept after the fax was delivered,
 *     acknowledged or abandoned; faxes still on their way are never purged. Must be longer than any
 *     window faxbridge lists the provider over, or a purged fax could be delivered again.
 * @param audit how long audit events are kept (6 years by default, as HIPAA's documentation rule is
 *     usually applied)
 */
@ConfigurationProperties("faxbridge.retention")
public record RetentionSettings(
    @DefaultValue("365d") Duration ledger, @DefaultValue("2192d") Duration audit) {

  public RetentionSettings {
    if (ledger.isNegative() || ledger.isZero() || audit.isNegative() || audit.isZero()) {
      throw new IllegalArgumentException(
          "faxbridge.retention.ledger and faxbridge.retention.audit must be positive, were "
              + ledger
              + " and "
              + audit);
    }
  }
}
