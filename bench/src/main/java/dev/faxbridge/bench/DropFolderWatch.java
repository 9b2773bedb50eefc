package dev.faxbridge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches a drop folder for deliveries that are replaced after they were complete. A delivery is
 * complete once its sidecar is in place (the sidecar is the commit marker); from the first time the
 * watch sees a sidecar it remembers the inode and modification time of the sidecar and of its
 * document, and any later difference marks the pair rewritten: an EHR that took the first pair
 * would import the fax again. Looks every 100 ms and whenever asked ({@link #look}), for example
 * right after a kill, when nothing moves.
 */
final class DropFolderWatch implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What a complete pair looked like when first seen. */
  private record Pair(
      Object sidecarInode,
      FileTime sidecarModified,
      Object documentInode,
      FileTime documentModified) {}

  private final Path root;
  private final Map<Path, Pair> firstSeen = new ConcurrentHashMap<>();
  private final Set<Path> rewritten = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

  DropFolderWatch(Path root) {
    this.root = root;
    poller.scheduleWithFixedDelay(this::lookQuietly, 0, 100, TimeUnit.MILLISECONDS);
  }

  /** Sidecars of pairs replaced after they were first seen complete. */
  Set<Path> rewritten() {
    look();
    return Set.copyOf(rewritten);
  }

  synchronized void look() {
    for (Path sidecar : sidecars(root)) {
      try {
        JsonNode meta = JSON.readTree(sidecar.toFile());
        Path document = sidecar.resolveSibling(meta.get("document").asString());
        Pair now =
            new Pair(
                Files.getAttribute(sidecar, "unix:ino"),
                Files.getLastModifiedTime(sidecar),
                Files.getAttribute(document, "unix:ino"),
                Files.getLastModifiedTime(document));
        Pair first = firstSeen.putIfAbsent(sidecar, now);
        if (first != null && !first.equals(now)) {
          rewritten.add(sidecar);
        }
      } catch (NoSuchFileException | UncheckedIOException | tools.jackson.core.JacksonException e) {
        // being replaced right now: the next look sees the outcome
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + sidecar, e);
      }
    }
  }

  private void lookQuietly() {
    try {
      look();
    } catch (RuntimeException e) {
      // the next scheduled look or an explicit one reports it
    }
  }

  /** The sidecars under {@code root}, temporary files left out; empty while it does not exist. */
  static List<Path> sidecars(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".json"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // a directory appeared or vanished during the walk; look again later
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
