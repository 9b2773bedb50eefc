package dev.faxbridge.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Arms the configured pause point for this application's life; a closing context releases it. */
@Component
class PausePointArming implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(PausePointArming.class);

  private final boolean armed;

  PausePointArming(PauseSettings settings) {
    this.armed = settings.armed();
    if (armed) {
      PausePoints.arm(settings.pauseAt(), settings.pauseMarker());
      log.warn(
          "Crash-test pause point '{}' armed: every thread that reaches it waits there",
          settings.pauseAt());
    }
  }

  @Override
  public void destroy() {
    if (armed) {
      PausePoints.disarm();
    }
  }
}
