package dev.faxbridge.fax;

import dev.faxbridge.platform.SealedColumn;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger's sealed PHI columns (for key rotation and the at-rest checks). */
@Configuration(proxyBeanMethods = false)
class FaxConfiguration {

  @Bean
  SealedColumn faxFromNumberColumn() {
    return new SealedColumn("inbound_fax", "from_number_sealed", "id");
  }

  @Bean
  SealedColumn faxToNumberColumn() {
    return new SealedColumn("inbound_fax", "to_number_sealed", "id");
  }

  @Bean
  SealedColumn faxSenderNameColumn() {
    return new SealedColumn("inbound_fax", "sender_name_sealed", "id");
  }

  /**
   * Rows written before phone numbers were sealed are sealed on start (the keyset is not available
   * to database migrations). Idempotent; a no-op once every row is sealed.
   */
  @Bean
  ApplicationRunner sealLegacyPhoneNumbers(FaxLedger ledger) {
    return arguments -> ledger.sealLegacyNumbers();
  }
}
