package dev.faxbridge.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one process that runs the embedded server of a data directory. It holds an OS lock on {@value
 * #FILE} for its whole life (the OS drops it when the process dies, however it dies) and records
 * its pid and the server's port there. So a held lock means a live owner, whose server is never
 * stopped; a free lock means any server still running there was left by a JVM that is gone.
 *
 * <p>A fresh directory gets the file after {@code initdb} (which needs the directory empty); until
 * then the library's own lock file keeps a second process from starting a server there.
 */
final class DataDirectoryOwner {

  static final String FILE = "faxbridge-owner.lock";

  private static final Logger log = LoggerFactory.getLogger(DataDirectoryOwner.class);

  private final Path directory;
  private FileChannel channel;
  private FileLock lock;

  private DataDirectoryOwner(Path directory) {
    this.directory = directory;
  }

  /**
   * Claims the directory: refuses when a live process owns it, stops an orphaned server otherwise.
   */
  static DataDirectoryOwner claim(Path directory) {
    try {
      FileAccess.OWNER_ONLY.createDirectories(directory);
      DataDirectoryOwner owner = new DataDirectoryOwner(directory);
      if (Files.exists(directory.resolve("postgresql.conf"))) {
        owner.lockOrRefuse();
        stopOrphanedServer(directory);
      }
      return owner;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot use " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The port of the server of a live owner of the directory, if there is one. */
  static Optional<Integer> runningServerPort(Path directory) {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (FileChannel probe = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock free = tryLock(probe);
      if (free != null) {
        free.release();
        return Optional.empty();
      }
      List<String> pid = Files.readAllLines(directory.resolve("postmaster.pid"));
      return Optional.of(Integer.parseInt(pid.get(3).trim()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "A faxbridge runs on " + directory + " but its server's port is unreadable", e);
    }
  }

  /** Records this process and the server's port; takes the lock now if the directory was new. */
  void record(int port) throws IOException {
    if (lock == null) {
      lockOrRefuse();
    }
    String record = "pid=%d%nport=%d%n".formatted(ProcessHandle.current().pid(), port);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(record.getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(true);
  }

  void release() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      log.warn("Could not release {}: {}", directory.resolve(FILE), e.getMessage());
    }
  }

  private void lockOrRefuse() throws IOException {
    Path file = directory.resolve(FILE);
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileAccess.restrictToOwner(file);
    lock = tryLock(channel);
    if (lock == null) {
      channel.close();
      channel = null;
      String recorded = Files.readString(file).replace(System.lineSeparator(), " ").trim();
      throw new IllegalStateException(
          "Another faxbridge ("
              + recorded
              + ") runs the embedded PostgreSQL in "
              + directory
              + "; it is left alone. One process owns an embedded data directory: several nodes"
              + " need an external PostgreSQL (spring.datasource.url).");
    }
  }

  /** Null when another process, or this JVM, holds the lock. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldByThisJvm) {
      return null;
    }
  }

  /**
   * Stops, with PostgreSQL's fast shutdown (SIGINT: active sessions are cut, nothing waits for
   * them), a server whose owner is gone.
   */
  private static void stopOrphanedServer(Path directory) throws IOException {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> orphan =
        lines.isEmpty() ? Optional.empty() : ProcessHandle.of(parsePid(lines.get(0)));
    if (orphan.isEmpty() || !orphan.get().isAlive() || !isPostgres(orphan.get())) {
      return;
    }
    log.warn(
        "A PostgreSQL server left running by a faxbridge that is gone (pid {}) holds {};"
            + " stopping it",
        orphan.get().pid(),
        directory);
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(orphan.get().pid()))
          .inheritIO()
          .start()
          .waitFor();
      orphan.get().onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception notStopped) {
      orphan.get().destroyForcibly();
    }
  }

  private static long parsePid(String line) {
    try {
      return Long.parseLong(line.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(command -> command.contains("postgres")).orElse(false);
  }
}
