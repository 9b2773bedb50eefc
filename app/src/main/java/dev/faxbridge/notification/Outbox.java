package dev.faxbridge.notification;

import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes one notification into the outbox, its body sealed, due at once. Callers write in the
 * transaction that decided to notify, so the notification exists exactly when the decision does;
 * {@link SendNotifications} sends it.
 */
@Component
class Outbox {

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  Outbox(JdbcClient jdbc, SecretBox secrets, Clock clock) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * @param connection the connection it is about, or null
   * @param channel EMAIL (body: to, subject, text) or WEBHOOK (body: url, payload)
   */
  void add(TenantId tenant, UUID connection, String channel, String event, ObjectNode body) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into notification (id, tenant_id, connection_id, channel, event, body_ciphertext,
                state, next_attempt_at, created_at)
            values (:id, :tenant, :connection, :channel, :event, :body, 'PENDING', :now, :now)
            """)
        .param("id", id)
        .param("tenant", tenant.value())
        .param("connection", connection)
        .param("channel", channel)
        .param("event", event)
        .param("body", secrets.seal(json.writeValueAsString(body), id.toString()))
        .param("now", Timestamp.from(now))
        .update();
  }
}
