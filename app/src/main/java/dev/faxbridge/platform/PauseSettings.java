package dev.faxbridge.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * For crash tests only: hold the process at a named point of the delivery path (see {@link
 * PausePoints}) so that a test can kill it there. Unset in production, and then nothing happens.
 *
 * @param pauseAt the point to hold at: {@code document-renamed}, {@code delivered-not-recorded} or
 *     {@code paced-wait}; empty for none
 * @param pauseMarker the file written (containing the point's name) once a thread holds there
 */
@ConfigurationProperties("faxbridge.testing")
public record PauseSettings(String pauseAt, @DefaultValue("./data/paused-at") Path pauseMarker) {

  public PauseSettings {
    if (pauseAt != null && !pauseAt.isBlank() && !PausePoints.ALL.contains(pauseAt)) {
      throw new IllegalArgumentException(
          "faxbridge.testing.pause-at must be one of "
              + PausePoints.ALL
              + " or empty, was '"
              + pauseAt
              + "'");
    }
  }

  boolean armed() {
    return pauseAt != null && !pauseAt.isBlank();
  }
}
