package dev.faxbridge.provider.ringcentral;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.AuthorizationHealth;
import dev.faxbridge.connection.Authorizations;
import dev.faxbridge.connection.ConnectSettings;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.platform.ShutdownSignal;
import dev.faxbridge.provider.FaxProvider;
import dev.faxbridge.provider.PushSubscriptions;
import dev.faxbridge.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

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
      AuthorizationHealth health,
      AuditTrail audit,
      RingCentralSettings settings,
      RateLimitBudget budget,
      Tenants tenants,
      Clock clock) {
    return new RingCentralSession(
        client, connections, health, audit, settings, budget, tenants, clock);
  }

  @Bean
  RateLimitBudget rateLimitBudget(
      Clock clock,
      RateLimitSettings settings,
      MeterRegistry metrics,
      ShutdownSignal shutdown,
      JdbcTemplate jdbc,
      RingCentralSettings ringCentral,
      TokenSettings tokens) {
    return new RateLimitBudget(
        clock,
        settings,
        metrics,
        shutdown,
        new DatabaseLaneMemory(jdbc, clock),
        ringCentral.serverUrl() + " " + ringCentral.clientId(),
        tokens.authCallsPerMinute());
  }

  /** The lanes' use goes to the database while the node runs and when it stops. */
  @Bean
  LaneMemoryWriter laneMemoryWriter(RateLimitBudget budget, RateLimitSettings settings) {
    return new LaneMemoryWriter(budget, settings.rememberEvery());
  }

  /** Every tenant's rate-limit meters from the first scrape on. */
  @Bean
  ApplicationListener<ApplicationReadyEvent> rateLimitMetersFromTheStart(
      RateLimitBudget budget, Tenants tenants) {
    return ready -> tenants.all().forEach(tenant -> budget.registerMeters(tenant.slug()));
  }

  /** The extension list an onboarding just read, for the connection's first sync. */
  @Bean
  ExtensionListing extensionListing(Clock clock) {
    return new ExtensionListing(clock);
  }

  @Bean
  FaxProvider ringCentralFaxProvider(
      RingCentralSession session,
      RingCentralClient client,
      RateLimitBudget budget,
      Tenants tenants,
      RingCentralSettings settings,
      ExtensionListing extensions) {
    return new RingCentralFaxProvider(session, client, budget, tenants, settings, extensions);
  }

  @Bean
  PushSubscriptions ringCentralPush(
      RingCentralSession session,
      RingCentralClient client,
      RateLimitBudget budget,
      Tenants tenants,
      Clock clock) {
    return new RingCentralPush(session, client, budget, tenants, clock);
  }

  @Bean
  RingCentralOnboarding ringCentralOnboarding(
      RingCentralClient client,
      Connections connections,
      AuditTrail audit,
      Authorizations authorizations,
      RingCentralSettings settings,
      ConnectSettings connect,
      ApplicationEventPublisher events,
      Clock clock,
      RateLimitBudget budget,
      Tenants tenants,
      ExtensionListing extensions) {
    return new RingCentralOnboarding(
        client,
        connections,
        audit,
        authorizations,
        settings,
        connect,
        events,
        clock,
        budget,
        tenants,
        extensions);
  }

  @Bean
  RingCentralAppProbe ringCentralAppProbe(
      RingCentralSettings settings,
      ConnectSettings connect,
      RingCentralClient client,
      RingCentralSession session) {
    return new RingCentralAppProbe(settings, connect, client, session);
  }

  @Bean
  RefreshIdleTokens refreshIdleTokens(
      Connections connections, RingCentralSession session, TokenSettings settings, Clock clock) {
    return new RefreshIdleTokens(connections, session, settings, clock);
  }

  /** The keep-alive job on db-scheduler: one node runs it at a time. */
  @Bean
  RecurringTask<Void> refreshIdleTokensTask(RefreshIdleTokens job, TokenSettings settings) {
    return Tasks.recurring("refresh-idle-tokens", FixedDelay.of(settings.keepAliveEvery()))
        .execute((instance, context) -> job.run());
  }
}
