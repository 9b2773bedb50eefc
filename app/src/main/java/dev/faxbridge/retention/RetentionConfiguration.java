package dev.faxbridge.retention;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

  /** The daily purge; one node runs it at a time (db-scheduler). */
  @Bean
  RecurringTask<Void> retentionPurgeTask(RetentionPurge purge) {
    return Tasks.recurring("retention-purge", FixedDelay.of(Duration.ofDays(1)))
        .execute((instance, context) -> purge.run());
  }
}
