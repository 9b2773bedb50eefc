package dev.faxbridge.bench;

import java.time.Duration;

/**
 * The fleet part and the renewals of the scale part.
 *
 * @param tenants clinics connected in one wave ({@code --fleet-tenants}, default 200)
 * @param faxes faxes waiting in each clinic's one mailbox ({@code --fleet-faxes}, default 41: one
 *     more than a window's Medium budget, so every clinic must wait for its lane once)
 * @param nodes faxbridge processes on the one PostgreSQL database ({@code --fleet-nodes}, 1 or 2)
 * @param window the emulator's rate-limit window and penalty during the fleet part; RingCentral's
 *     60 s unless {@code --window-seconds} compresses it
 * @param connectors operator API callers of the wave ({@code --fleet-connectors}, default 32)
 * @param scaleAccessLifetime the access-token lifetime the emulator issues during the scale part
 *     ({@code --scale-token-minutes}, default 10), short enough that renewals happen while it
 *     measures
 */
record FleetSettings(
    int tenants,
    int faxes,
    int nodes,
    Duration window,
    int connectors,
    Duration scaleAccessLifetime) {

  static FleetSettings defaults() {
    return new FleetSettings(200, 41, 1, Duration.ofSeconds(60), 32, Duration.ofMinutes(10));
  }

  /** This setting changed by {@code --key=value}, or null when the key is not a fleet setting. */
  FleetSettings with(String key, String value) {
    return switch (key) {
      case "fleet-tenants" ->
          new FleetSettings(
              Integer.parseInt(value), faxes, nodes, window, connectors, scaleAccessLifetime);
      case "fleet-faxes" ->
          new FleetSettings(
              tenants, Integer.parseInt(value), nodes, window, connectors, scaleAccessLifetime);
      case "fleet-nodes" ->
          new FleetSettings(
              tenants, faxes, Integer.parseInt(value), window, connectors, scaleAccessLifetime);
      case "fleet-connectors" ->
          new FleetSettings(
              tenants, faxes, nodes, window, Integer.parseInt(value), scaleAccessLifetime);
      case "scale-token-minutes" ->
          new FleetSettings(
              tenants, faxes, nodes, window, connectors, Duration.ofMinutes(Long.parseLong(value)));
      default -> null;
    };
  }

  FleetSettings withWindow(Duration window) {
    return new FleetSettings(tenants, faxes, nodes, window, connectors, scaleAccessLifetime);
  }
}
