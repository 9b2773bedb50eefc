package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.provider.InboundPush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where RingCentral posts a connection's notifications. Public by necessity, so it trusts nothing
 * in the body: a notification with the right {@code Verification-Token} only moves the connection's
 * next sync to now, and the sync finds out what is new. The validation handshake at creation echoes
 * {@code Validation-Token} (within RingCentral's 3 s, with a body under 1 KB).
 */
@RestController
class RingCentralWebhooks {

  private static final Logger log = LoggerFactory.getLogger(RingCentralWebhooks.class);

  private final InboundPush push;

  RingCentralWebhooks(InboundPush push) {
    this.push = push;
  }

  @PostMapping("/webhooks/ringcentral/{connectionId}")
  ResponseEntity<Void> notification(
      @PathVariable String connectionId,
      @RequestHeader(name = "Validation-Token", required = false) String validation,
      @RequestHeader(name = "Verification-Token", required = false) String verification) {
    if (validation != null) {
      return ResponseEntity.ok()
          .header("Validation-Token", validation)
          .header("Content-Type", "application/json")
          .build();
    }
    ConnectionId connection;
    try {
      connection = ConnectionId.parse(connectionId);
    } catch (IllegalArgumentException e) {
      return ResponseEntity.notFound().build();
    }
    if (!push.verifies(connection, verification)) {
      log.warn(
          "Connection {}: notification with a wrong or missing Verification-Token", connection);
      return ResponseEntity.status(403).build();
    }
    push.faxesWaiting(connection);
    return ResponseEntity.ok().build();
  }
}
