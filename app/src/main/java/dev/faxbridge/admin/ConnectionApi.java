package dev.faxbridge.admin;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.sync.SyncSchedule;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/connections")
class ConnectionApi {

  private final Connections connections;
  private final SyncSchedule schedule;

  ConnectionApi(Connections connections, SyncSchedule schedule) {
    this.connections = connections;
    this.schedule = schedule;
  }

  /** Asks for a sync of the connection now instead of at its next scheduled time. */
  @PostMapping("/{id}/sync")
  ResponseEntity<Map<String, String>> syncNow(@PathVariable String id) {
    ConnectionId connection = connections.get(ConnectionId.parse(id)).id();
    boolean moved = schedule.syncNow(connection);
    return ResponseEntity.accepted()
        .body(
            Map.of(
                "connectionId", connection.toString(), "status", moved ? "scheduled" : "running"));
  }
}
