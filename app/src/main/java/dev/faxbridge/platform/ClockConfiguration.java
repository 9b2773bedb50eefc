package dev.faxbridge.platform;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one source of time; logic never calls {@code Instant.now()}. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  /** The system clock, unless the embedding code supplied one (tests run on emulated time). */
  @Bean
  @ConditionalOnMissingBean(Clock.class)
  Clock clock() {
    return Clock.systemUTC();
  }
}
