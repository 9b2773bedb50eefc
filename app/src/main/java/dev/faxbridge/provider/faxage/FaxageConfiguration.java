package dev.faxbridge.provider.faxage;

import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.SourceOnboarding;
import dev.faxbridge.provider.FaxProvider;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Faxage as a source: its client, provider and onboarding. */
@Configuration(proxyBeanMethods = false)
class FaxageConfiguration {

  @Bean
  FaxageClient faxageClient(FaxageSettings settings, Clock clock) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new FaxageClient(
        settings, http, new FaxagePacing(clock, settings, FaxagePacing.Pause.SLEEP));
  }

  @Bean
  FaxProvider faxageFaxProvider(FaxageClient client, Connections connections) {
    return new FaxageFaxProvider(client, new FaxageLogins(connections));
  }

  @Bean
  SourceOnboarding faxageOnboarding(
      FaxageClient client,
      Connections connections,
      AuditTrail audit,
      ApplicationEventPublisher events) {
    return new FaxageOnboarding(client, connections, audit, events);
  }
}
