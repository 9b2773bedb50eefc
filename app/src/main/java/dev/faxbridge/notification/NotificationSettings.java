package dev.faxbridge.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications are sent. The SMTP server itself is Spring's {@code spring.mail.*}; without
 * {@code spring.mail.host} no email can be sent and email notifications fail visibly.
 *
 * @param mailFrom the sender address of notification emails
 * @param sendEvery how often pending notifications are retried
 * @param retryDelay wait before retrying a failed notification (doubles per attempt)
 * @param maxAttempts attempts before a notification is given up (state FAILED, audited)
 * @param webhookTimeout how long a webhook receiver may take to answer
 * @param operatorEmail where faxbridge tells its operator about a locked connect link; unset, the
 *     operator learns of it from the audit trail and the tenant's webhook only
 */
@ConfigurationProperties("faxbridge.notifications")
public record NotificationSettings(
    @DefaultValue("faxbridge@localhost") String mailFrom,
    @DefaultValue("30s") Duration sendEvery,
    @DefaultValue("1m") Duration retryDelay,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("10s") Duration webhookTimeout,
    String operatorEmail) {

  public NotificationSettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "faxbridge.notifications.max-attempts must be at least 1, was " + maxAttempts);
    }
    if (sendEvery.isNegative() || sendEvery.isZero()) {
      throw new IllegalArgumentException(
          "faxbridge.notifications.send-every must be positive, was " + sendEvery);
    }
  }
}
