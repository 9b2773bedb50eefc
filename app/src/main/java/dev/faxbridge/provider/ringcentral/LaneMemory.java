package dev.faxbridge.provider.ringcentral;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the rate-limit lanes used, kept where a node that starts after this one finds it (the
 * database, see {@link DatabaseLaneMemory}).
 */
interface LaneMemory {

  /**
   * One lane as a node last wrote it.
   *
   * @param app the platform and faxbridge's app there
   * @param holder the RingCentral user ({@code account/extension})
   * @param sent when each request still in the window was counted
   * @param closedUntil the end of a 429's penalty, or null
   * @param writtenAt when the node wrote this
   * @param clean written when its node had nothing under way on the lane and was not about to send
   *     (an orderly stop, a call that gave up waiting): nothing was sent after it
   */
  record Remembered(
      String app,
      String holder,
      RateLimitGroup group,
      List<Instant> sent,
      int limit,
      Duration window,
      Instant closedUntil,
      Instant writtenAt,
      boolean clean) {}

  /** What is remembered of a lane, if anything. */
  Optional<Remembered> recall(String app, String holder, RateLimitGroup group);

  /** Whether any lane was last written between {@code since} and {@code until}. */
  boolean writtenBetween(Instant since, Instant until);

  /** Keeps these lanes' states, replacing what was kept of them. */
  void remember(List<Remembered> lanes);

  /** Remembers nothing: every lane starts empty. */
  LaneMemory NONE =
      new LaneMemory() {
        @Override
        public Optional<Remembered> recall(String app, String holder, RateLimitGroup group) {
          return Optional.empty();
        }

        @Override
        public boolean writtenBetween(Instant since, Instant until) {
          return false;
        }

        @Override
        public void remember(List<Remembered> lanes) {}
      };
}
