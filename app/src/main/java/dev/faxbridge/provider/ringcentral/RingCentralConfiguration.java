package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.provider.FaxProvider;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RingCentralConfiguration {

  @Bean
  RingCentralClient ringCentralClient(RingCentralSettings settings) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new RingCentralClient(settings, http);
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
  FaxProvider ringCentralFaxProvider(
      RingCentralSession session, RingCentralClient client, RingCentralSettings settings) {
    return new RingCentralFaxProvider(session, client, settings);
  }

  @Bean
  RingCentralOnboarding ringCentralOnboarding(
      RingCentralClient client, Connections connections, AuditTrail audit, Clock clock) {
    return new RingCentralOnboarding(client, connections, audit, clock);
  }
}
