package dev.faxbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The shipped db-scheduler settings let any node take over the sync of a node that died within 30
 * seconds. db-scheduler counts an execution as dead once its heartbeat is older than
 * heartbeat-interval x missed-heartbeats-limit, looks for dead executions every 2 x
 * heartbeat-interval, and runs a revived execution at its next poll.
 */
class SchedulerSettingsTest {

  @Test
  void aDeadNodesSyncIsTakenOverWithinThirtySeconds() throws Exception {
    DbSchedulerProperties shipped = shipped();
    Duration heartbeat = shipped.getHeartbeatInterval();

    Duration worstCase =
        heartbeat
            .multipliedBy(shipped.getMissedHeartbeatsLimit())
            .plus(heartbeat.multipliedBy(2))
            .plus(shipped.getPollingInterval());

    assertThat(worstCase).isLessThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(shipped.getMissedHeartbeatsLimit())
        .as("a single late heartbeat (a long GC pause, a busy database) is no death")
        .isGreaterThanOrEqualTo(4);
  }

  @Test
  void anOrderlyStopWaitsForRunningSyncsLessThanASupervisorWaitsBeforeKilling() throws Exception {
    assertThat(shipped().getShutdownMaxWait())
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofSeconds(25));
  }

  private static DbSchedulerProperties shipped() throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader()
        .load("application.yml", new ClassPathResource("application.yml"))
        .forEach(source -> environment.getPropertySources().addLast(source));
    return new Binder(ConfigurationPropertySources.get(environment))
        .bindOrCreate("db-scheduler", DbSchedulerProperties.class);
  }
}
