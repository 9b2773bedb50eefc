package dev.faxbridge.emulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps an emulator's state across restarts: every state-changing operation of the Java and control
 * API is appended to {@code journal.jsonl}, and a new emulator on the same directory replays it.
 * Replay reproduces the same ids and document bytes (ids come from counters, documents depend only
 * on the message id, pages and time); what is random (app credentials, the JWT signing key) is
 * recorded as it was. OAuth sessions are not kept: after a restart clients log in again, as after a
 * platform-side session purge.
 *
 * <p>Each line is written and flushed before the operation returns, so a process killed with {@code
 * kill -9} loses nothing that a caller was told had happened.
 */
final class StateJournal implements AutoCloseable {

  private final Path directory;
  private final BufferedWriter writer;
  private boolean replaying;

  private StateJournal(Path directory) throws IOException {
    this.directory = directory;
    this.writer =
        Files.newBufferedWriter(
            directory.resolve("journal.jsonl"),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
  }

  static StateJournal open(Path directory) {
    try {
      Files.createDirectories(directory);
      dropTornLine(directory.resolve("journal.jsonl"));
      return new StateJournal(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the emulator state in " + directory, e);
    }
  }

  /**
   * A kill during a write can leave a last line without its newline. That operation never returned
   * to its caller, so it is dropped; otherwise the next entry would be glued to it.
   */
  private static void dropTornLine(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long end = channel.size();
      ByteBuffer one = ByteBuffer.allocate(1);
      long keep = end;
      while (keep > 0) {
        one.clear();
        channel.read(one, keep - 1);
        if (one.get(0) == '\n') {
          break;
        }
        keep--;
      }
      if (keep < end) {
        channel.truncate(keep);
      }
    }
  }

  /** The JWT signing key of this state: made once, then read back on every start. */
  byte[] signingKey() {
    Path file = directory.resolve("jwt-signing.key");
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.write(file, key);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the emulator's JWT signing key", e);
    }
  }

  /** Calls {@code apply} for every recorded operation, in order, without recording them again. */
  void replay(Consumer<JsonNode> apply) {
    Path file = directory.resolve("journal.jsonl");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    replaying = true;
    try {
      for (String line : lines) {
        if (!line.isBlank()) {
          apply.accept(Json.MAPPER.readTree(line));
        }
      }
    } finally {
      replaying = false;
    }
  }

  /** Records one operation: {@code op} names it, {@code fields} fills in its arguments. */
  synchronized void record(String op, Consumer<ObjectNode> fields) {
    if (replaying) {
      return;
    }
    ObjectNode entry = Json.object();
    entry.put("op", op);
    fields.accept(entry);
    try {
      writer.write(Json.MAPPER.writeValueAsString(entry));
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record emulator state", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
