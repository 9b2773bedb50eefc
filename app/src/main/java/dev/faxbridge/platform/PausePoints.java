package dev.faxbridge.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Named points on the path of a fax where a crash test can hold faxbridge so that it kills the
 * process exactly there (with SIGKILL, from outside). Armed only by {@code
 * faxbridge.testing.pause-at} (see {@link PauseSettings}); unarmed, {@link #reach} returns at once
 * and does nothing else. Armed, the first thread to reach the named point writes the point's name
 * to the marker file, and every thread that reaches it waits there until the process is killed or
 * the application context closes. Nothing about the fax is written or logged.
 */
public final class PausePoints {

  /** Folder destination: the document is renamed into place, its sidecar not yet. */
  public static final String DOCUMENT_RENAMED = "document-renamed";

  /** Sync: the destination reported the fax delivered; the ledger does not say so yet. */
  public static final String DELIVERED_NOT_RECORDED = "delivered-not-recorded";

  /** Rate-limit budget: a request is about to wait for its lane (a paced sync). */
  public static final String PACED_WAIT = "paced-wait";

  static final Set<String> ALL = Set.of(DOCUMENT_RENAMED, DELIVERED_NOT_RECORDED, PACED_WAIT);

  private static volatile Armed armed;

  private PausePoints() {}

  /** Call sites: one line at the named point. Returns at once unless that point is armed. */
  public static void reach(String point) {
    Armed current = armed;
    if (current != null && current.point.equals(point)) {
      current.hold();
    }
  }

  static void arm(String point, Path marker) {
    if (!ALL.contains(point)) {
      throw new IllegalArgumentException("unknown pause point '" + point + "'; known: " + ALL);
    }
    armed = new Armed(point, marker);
  }

  /** Lets every waiting thread go on; later calls of {@link #reach} return at once. */
  static void disarm() {
    Armed current = armed;
    armed = null;
    if (current != null) {
      current.release.countDown();
    }
  }

  private static final class Armed {
    private final String point;
    private final Path marker;
    private final CountDownLatch release = new CountDownLatch(1);
    private boolean announced;

    private Armed(String point, Path marker) {
      this.point = point;
      this.marker = marker;
    }

    private void hold() {
      announce();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private synchronized void announce() {
      if (announced) {
        return;
      }
      announced = true;
      try {
        Path temporary = marker.resolveSibling(marker.getFileName() + ".tmp");
        Files.createDirectories(marker.toAbsolutePath().getParent());
        Files.writeString(temporary, point + "\n");
        Files.move(temporary, marker, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the pause marker " + marker, e);
      }
    }
  }
}
