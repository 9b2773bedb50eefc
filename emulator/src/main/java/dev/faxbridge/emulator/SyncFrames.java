package dev.faxbridge.emulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sync tokens of message sync. A token stands for a frame (mailbox and filters, fixed by the full
 * sync) and the time of the sync that issued it. Tokens live in memory only: after a restart every
 * token is unknown and the client must full-sync again (MSG-333), as after a token expiry on the
 * platform. Thread-safe.
 */
final class SyncFrames {

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Frame> frames = new HashMap<>();

  /** What a sync token encodes. */
  record Frame(
      String accountId,
      String extensionId,
      List<String> messageTypes,
      List<String> directions,
      Instant syncTime) {}

  synchronized String issue(Frame frame) {
    byte[] raw = new byte[24];
    random.nextBytes(raw);
    String token = "SYNC." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    frames.put(token, frame);
    return token;
  }

  synchronized Optional<Frame> frame(String token) {
    return Optional.ofNullable(token).map(frames::get);
  }
}
