package dev.faxbridge.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code faxbridge_connections{provider,status}}: connections by provider and status, every
 * combination from the first scrape on, read from the database when scraped (so every node shows
 * the cluster's numbers).
 */
@Component
class ConnectionMetrics implements MeterBinder {

  private final Connections connections;

  ConnectionMetrics(Connections connections) {
    this.connections = connections;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Provider provider : Provider.values()) {
      for (ConnectionStatus status : ConnectionStatus.values()) {
        Gauge.builder("faxbridge.connections", () -> connections.count(provider, status))
            .description("Provider connections by provider and status")
            .tag("provider", provider.name().toLowerCase(Locale.ROOT))
            .tag("status", status.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
    }
  }
}
