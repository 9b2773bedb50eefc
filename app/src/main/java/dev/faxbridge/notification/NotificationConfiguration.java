package dev.faxbridge.notification;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.faxbridge.platform.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

  /** Retries notifications that could not be sent right after they were written. */
  @Bean
  RecurringTask<Void> sendNotificationsTask(
      SendNotifications sender, NotificationSettings settings) {
    return Tasks.recurring("send-notifications", FixedDelay.of(settings.sendEvery()))
        .execute((instance, context) -> sender.sendDue());
  }

  @Bean
  SealedColumn webhookSecretColumn() {
    return new SealedColumn(
        "tenant_notification_settings", "webhook_secret_ciphertext", "tenant_id");
  }

  @Bean
  SealedColumn notificationBodyColumn() {
    return new SealedColumn("notification", "body_ciphertext", "id");
  }
}
