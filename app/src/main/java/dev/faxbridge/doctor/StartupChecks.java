package dev.faxbridge.doctor;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Checks every setting as soon as the configuration is read, before any bean exists: no embedded
 * database is started, no migration runs and no port is opened with a wrong setting. A wrong one
 * stops startup with {@link WrongSetting}. Registered in {@code META-INF/spring.factories}; runs
 * after logging is set up.
 */
class StartupChecks implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    new SettingsChecks(event.getEnvironment(), Binder.get(event.getEnvironment())).requireAll();
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
