package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.provider.FaxProvider;
import dev.faxbridge.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RingCentralConfiguration {

  @Bean
  RingCentralClient ringCentralClient(RingCentralSettings settings, RateLimitSettings rateLimits) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new RingCentralClient(settings, rateLimits, http);
  }

  @Bean
  RingCentralSession ringCentralSession(
      RingCentralClient client,
      Connections connections,
      AuditTrail audit,
      RingCentralSettings settings,
      Clock clock) {
    return new RingCentralSession(client, connections, audit, settings, clock);
  }

  @Bean
  RateLimitBudget rateLimitBudget(Clock clock, RateLimitSettings settings, MeterRegistry metrics) {
    return new RateLimitBudget(clock, settings, metrics);
  }

  @Bean
  FaxProvider ringCentralFaxProvider(
      RingCentralSession session,
      RingCentralClient client,
      RateLimitBudget budget,
      Tenants tenants,
      RingCentralSettings settings) {
    return new RingCentralFaxProvider(session, client, budget, tenants, settings);
  }

  @Bean
  RingCentralOnboarding ringCentralOnboarding(
      RingCentralClient client, Connections connections, AuditTrail audit, Clock clock) {
    return new RingCentralOnboarding(client, connections, audit, clock);
  }
}
