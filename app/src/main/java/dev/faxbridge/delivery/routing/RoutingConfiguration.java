package dev.faxbridge.delivery.routing;

import dev.faxbridge.platform.SealedColumn;
import dev.faxbridge.tenant.TenantOffboarded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The sealed columns of destinations and routing rules (for key rotation and the at-rest checks),
 * and the wiping of a tenant's destination secrets when it is offboarded.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RoutingConfiguration.class);

  @Bean
  SealedColumn destinationSecretColumn() {
    return new SealedColumn("destination", "secret_sealed", "id");
  }

  @Bean
  SealedColumn routingRuleNumberColumn() {
    return new SealedColumn("routing_rule", "to_number_sealed", "id");
  }

  /** Wipes within the offboarding's transaction (the event is published inside it). */
  @Bean
  OffboardedDestinations offboardedDestinations(TenantDestinations destinations) {
    return new OffboardedDestinations(destinations);
  }

  static final class OffboardedDestinations {
    private final TenantDestinations destinations;

    OffboardedDestinations(TenantDestinations destinations) {
      this.destinations = destinations;
    }

    @EventListener
    void offboarded(TenantOffboarded event) {
      int wiped = destinations.wipeSecrets(event.tenant());
      log.info("Tenant {} offboarded: {} destination secrets wiped", event.tenant(), wiped);
    }
  }
}
