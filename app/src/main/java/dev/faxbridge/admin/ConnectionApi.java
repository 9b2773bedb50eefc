package dev.faxbridge.admin;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.connection.ConnectionStatus;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.sync.SyncSchedule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** One connection: its health, a sync now, removing it. */
@RestController
@RequestMapping("/api/connections")
@Tag(name = "Connections")
class ConnectionApi {

  private final Connections connections;
  private final ConnectionViews views;
  private final SyncSchedule schedule;
  private final AuditTrail audit;

  ConnectionApi(
      Connections connections, ConnectionViews views, SyncSchedule schedule, AuditTrail audit) {
    this.connections = connections;
    this.views = views;
    this.schedule = schedule;
    this.audit = audit;
  }

  /**
   * @param status {@code scheduled} (moved to now) or {@code running} (follows the running one)
   */
  record SyncRequested(String connectionId, String status) {}

  @GetMapping("/{connectionId}")
  @Operation(
      summary = "A connection's health",
      description =
          "Its status with the reason in plain words and since when, its last and next sync, the"
              + " last problem that ended a sync early")
  ConnectionViews.ConnectionView get(@PathVariable String connectionId) {
    return views.of(connections.get(connectionId));
  }

  @PostMapping("/{connectionId}/sync")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Sync the connection now instead of at its next scheduled time")
  @ApiResponse(responseCode = "409", description = "The connection is switched off")
  SyncRequested syncNow(@PathVariable String connectionId) {
    ProviderConnection connection = connections.get(connectionId);
    if (!connection.isActive()) {
      throw new Conflict(
          "Connection " + connection.id() + " is " + connection.status() + "; nothing to sync",
          Map.of("status", connection.status().name()));
    }
    boolean moved = schedule.syncNow(connection.id());
    return new SyncRequested(connection.id().toString(), moved ? "scheduled" : "running");
  }

  @DeleteMapping("/{connectionId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove a connection: its credential and tokens are deleted, audited")
  @ApiResponse(responseCode = "204", description = "Removed")
  @ApiResponse(responseCode = "409", description = "Removed already")
  void remove(@PathVariable String connectionId) {
    ProviderConnection connection = connections.get(connectionId);
    if (connection.status() == ConnectionStatus.DISABLED) {
      throw new Conflict("Connection " + connection.id() + " was removed already");
    }
    connections.remove(connection.id());
    schedule.unschedule(connection.id());
    audit.record(
        AuditKind.CONNECTION_REMOVED,
        AuditActor.current(),
        connection.tenantId().value(),
        connection.id().value(),
        null,
        Map.of());
  }
}
