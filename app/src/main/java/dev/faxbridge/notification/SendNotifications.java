package dev.faxbridge.notification;

import dev.faxbridge.audit.AuditKind;
import dev.faxbridge.audit.AuditTrail;
import dev.faxbridge.platform.Backoff;
import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.platform.WebhookSignature;
import dev.faxbridge.tenant.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends due notifications from the outbox. Each row is claimed before it is sent (its next attempt
 * is pushed out in the claiming statement), so two nodes never send the same row at once; a row is
 * SENT only after the SMTP server or the webhook receiver accepted it.
 *
 * <p>Webhooks carry {@code X-Faxbridge-Signature: sha256=<hex>}, the HMAC-SHA256 with the tenant's
 * webhook secret of {@code <X-Faxbridge-Timestamp>.<body>}, so a receiver can check origin and
 * freshness.
 */
@Component
public class SendNotifications {

  private static final Logger log = LoggerFactory.getLogger(SendNotifications.class);
  private static final Duration CLAIM = Duration.ofMinutes(5);

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final TenantContacts contacts;
  private final ObjectProvider<JavaMailSender> mail;
  private final AuditTrail audit;
  private final NotificationSettings settings;
  private final Clock clock;
  private final HttpClient http;
  private final TransactionTemplate ownTransaction;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, Counter> givenUp = new HashMap<>();

  SendNotifications(
      JdbcClient jdbc,
      SecretBox secrets,
      TenantContacts contacts,
      ObjectProvider<JavaMailSender> mail,
      AuditTrail audit,
      NotificationSettings settings,
      PlatformTransactionManager transactions,
      MeterRegistry metrics,
      Clock clock) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.contacts = contacts;
    this.mail = mail;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
    for (String channel : List.of("EMAIL", "WEBHOOK")) {
      givenUp.put(
          channel,
          Counter.builder("faxbridge.notifications.failed")
              .description("Notifications given up after their last attempt: nobody was told")
              .tag("channel", channel.toLowerCase(Locale.ROOT))
              .register(metrics));
    }
    this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout()).build();
    // Short transactions of its own: sendDue also runs right after another transaction committed,
    // whose resources are still bound to the thread, and must never hold one across a send.
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  private record Due(
      UUID id, UUID tenantId, UUID connectionId, String channel, byte[] body, int attempts) {}

  /** Sends every notification that is due; returns how many were sent. */
  public int sendDue() {
    List<Due> due = ownTransaction.execute(status -> claim(clock.instant()));
    int sent = 0;
    for (Due notification : due) {
      JsonNode body =
          json.readTree(secrets.open(notification.body(), notification.id().toString()));
      try {
        if (notification.channel().equals("EMAIL")) {
          sendEmail(body);
        } else {
          sendWebhook(notification, body);
        }
        ownTransaction.executeWithoutResult(status -> markSent(notification));
        sent++;
      } catch (NotSent failure) {
        ownTransaction.executeWithoutResult(
            status -> markFailed(notification, failure.getMessage()));
      }
    }
    return sent;
  }

  /** Claims due rows by pushing their next attempt out, so no other node sends them meanwhile. */
  private List<Due> claim(Instant now) {
    return jdbc.sql(
            """
            update notification set next_attempt_at = :claimedUntil, attempts = attempts + 1
            where id in (select id from notification
                where state = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at limit 50 for update skip locked)
            returning id, tenant_id, connection_id, channel, body_ciphertext, attempts
            """)
        .param("claimedUntil", Timestamp.from(now.plus(CLAIM)))
        .param("now", Timestamp.from(now))
        .query(
            (rs, row) ->
                new Due(
                    rs.getObject("id", UUID.class),
                    rs.getObject("tenant_id", UUID.class),
                    rs.getObject("connection_id", UUID.class),
                    rs.getString("channel"),
                    rs.getBytes("body_ciphertext"),
                    rs.getInt("attempts")))
        .list();
  }

  private void sendEmail(JsonNode body) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      throw new NotSent(
          "no SMTP server is configured (spring.mail.host), so the clinic contact cannot be"
              + " emailed");
    }
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(settings.mailFrom());
      helper.setTo(body.get("to").asString());
      helper.setSubject(body.get("subject").asString());
      helper.setText(body.get("text").asString(), false);
      sender.send(message);
    } catch (MailException | jakarta.mail.MessagingException e) {
      throw new NotSent("the SMTP server did not take the email: " + e.getClass().getSimpleName());
    }
  }

  private void sendWebhook(Due notification, JsonNode body) {
    TenantContacts.Contacts who =
        contacts
            .find(new TenantId(notification.tenantId()))
            .filter(c -> c.webhookSecret() != null)
            .orElseThrow(() -> new NotSent("the tenant's webhook settings were removed"));
    String payload = json.writeValueAsString(body.get("payload"));
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(body.get("url").asString()))
            .timeout(settings.webhookTimeout())
            .header("Content-Type", "application/json")
            .header("X-Faxbridge-Event", ReauthorizationNotices.EVENT)
            .header("X-Faxbridge-Delivery", notification.id().toString())
            .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
            .header(
                WebhookSignature.HEADER,
                WebhookSignature.of(who.webhookSecret(), timestamp, payload))
            .POST(HttpRequest.BodyPublishers.ofString(payload))
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        throw new NotSent("the webhook receiver answered HTTP " + status);
      }
    } catch (IOException e) {
      throw new NotSent(
          "the webhook receiver could not be reached: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotSent("interrupted");
    }
  }

  private void markSent(Due notification) {
    jdbc.sql(
            "update notification set state = 'SENT', sent_at = :now, last_error = null where id = :id")
        .param("now", Timestamp.from(clock.instant()))
        .param("id", notification.id())
        .update();
    audit.record(
        AuditKind.NOTIFICATION_SENT,
        "faxbridge",
        notification.tenantId(),
        notification.connectionId(),
        null,
        Map.of("channel", notification.channel(), "notificationId", notification.id().toString()));
  }

  private void markFailed(Due notification, String reason) {
    boolean givingUp = notification.attempts() >= settings.maxAttempts();
    Instant next =
        clock
            .instant()
            .plus(
                new Backoff(settings.retryDelay(), settings.retryDelay().multipliedBy(1024))
                    .after(notification.attempts()));
    jdbc.sql(
            """
            update notification set state = :state, next_attempt_at = :next, last_error = :reason
            where id = :id
            """)
        .param("state", givingUp ? "FAILED" : "PENDING")
        .param("next", Timestamp.from(next))
        .param("reason", reason)
        .param("id", notification.id())
        .update();
    log.warn(
        "Notification {} ({}) attempt {} failed{}: {}",
        notification.id(),
        notification.channel(),
        notification.attempts(),
        givingUp ? ", giving up" : "",
        reason);
    if (givingUp) {
      Counter counter = givenUp.get(notification.channel());
      if (counter != null) {
        counter.increment();
      }
      audit.record(
          AuditKind.NOTIFICATION_FAILED,
          "faxbridge",
          notification.tenantId(),
          notification.connectionId(),
          null,
          Map.of("channel", notification.channel(), "reason", reason));
    }
  }

  /** A notification that was not accepted this time; the message carries no secret. */
  private static final class NotSent extends RuntimeException {
    NotSent(String message) {
      super(message);
    }
  }
}
