package dev.faxbridge.provider.faxage;

import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.AuthorizationHealth;
import dev.faxbridge.connection.Authorizations;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.SourceOnboarding;
import dev.faxbridge.platform.ShutdownSignal;
import dev.faxbridge.provider.FaxProvider;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Faxage as a source: its client, provider and onboarding. */
@Configuration(proxyBeanMethods = false)
class FaxageConfiguration {

  @Bean
  FaxageClient faxageClient(FaxageSettings settings, Clock clock, ShutdownSignal shutdown) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new FaxageClient(settings, http, new FaxagePacing(clock, settings, wakingOn(shutdown)));
  }

  /**
   * Pauses between calls (up to {@code backoff-max}) that end early when this node begins to stop,
   * so a paced sync never holds up an orderly shutdown; the sync then sees the signal and ends.
   */
  static FaxagePacing.Pause wakingOn(ShutdownSignal shutdown) {
    CountDownLatch stopping = new CountDownLatch(1);
    shutdown.onRaised(stopping::countDown);
    // Woken by the signal, the call goes ahead once and the sync ends at its next check.
    return duration -> stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Bean
  FaxProvider faxageFaxProvider(
      FaxageClient client, Connections connections, AuthorizationHealth health) {
    return new FaxageFaxProvider(client, new FaxageLogins(connections), health);
  }

  @Bean
  SourceOnboarding faxageOnboarding(
      FaxageClient client,
      Connections connections,
      Authorizations authorizations,
      AuditTrail audit,
      ApplicationEventPublisher events) {
    return new FaxageOnboarding(client, connections, authorizations, audit, events);
  }
}
