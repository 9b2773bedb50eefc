package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.platform.PausePoints;
import dev.faxbridge.platform.ShutdownSignal;
import dev.faxbridge.provider.ProviderException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The request budget of every (RingCentral user, group) on this node. RingCentral counts requests
 * per (app, user, group) over a sliding window and answers 429 beyond it; every request sent during
 * the penalty that follows restarts the penalty. So a call first takes a permit from its {@link
 * Lane}, and reports back what the answer said. A lane belongs to the user, not to a connection:
 * every connection (and the onboarding) that acts as the same user of the same account on the same
 * platform with faxbridge's app shares it.
 *
 * <p>A call waits for a permit only briefly ({@code max-wait}); when the lane stays full or closed
 * for longer it fails at once as {@link ProviderException.RateLimited} carrying when the lane
 * opens, and the sync gives its thread back and resumes then (see {@code SyncSchedule}).
 *
 * <p>A lane counts each of its requests from the moment its answer arrived (later than RingCentral
 * counted it, so the lane frees a slot never before RingCentral does), plus requests it knows
 * nothing about: when {@code X-Rate-Limit-Remaining} shows more use than the lane's own, the
 * difference is counted as made just now (another client of the same user, another node). A 429
 * closes the lane until {@code Retry-After} has passed, for every thread of this node.
 *
 * <p>A node that starts does not know what its predecessor sent: each lane starts from what {@link
 * LaneMemory} remembers (written every {@code remember-every}, at once when a call gives up
 * waiting, and at an orderly stop); after a crash, the lanes the dead node was using count as full
 * until one window after its last write could have been followed by another, so a restart never
 * draws a 429. A lane also reads its record again before its first request after a pause, so a sync
 * that gave up on one node and resumes on another finds what the first node sent.
 */
final class RateLimitBudget {

  /** How much earlier than its lane opens a call that gave up waiting is asked to come back. */
  static final Duration RESUME_LEAD = Duration.ofMillis(100);

  private final Clock clock;
  private final RateLimitSettings settings;
  private final MeterRegistry metrics;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final ShutdownSignal shutdown;
  private final LaneMemory memory;
  private final String app;
  private final int authCap;
  private final Instant startedAt;
  private volatile Boolean predecessor;

  /**
   * A budget that remembers nothing across restarts and caps nothing: for tests of the arithmetic.
   */
  RateLimitBudget(
      Clock clock, RateLimitSettings settings, MeterRegistry metrics, ShutdownSignal shutdown) {
    this(clock, settings, metrics, shutdown, LaneMemory.NONE, "", Integer.MAX_VALUE);
  }

  /**
   * Calls waiting for budget give up as soon as {@code shutdown} is raised.
   *
   * @param app the platform and faxbridge's app there (server URL and client id), part of every
   *     lane's name in {@code memory}
   * @param authCap the most token calls a lane of the Auth group sends per window, below what the
   *     platform allows if the operator wants
   */
  RateLimitBudget(
      Clock clock,
      RateLimitSettings settings,
      MeterRegistry metrics,
      ShutdownSignal shutdown,
      LaneMemory memory,
      String app,
      int authCap) {
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
    this.shutdown = shutdown;
    this.memory = memory;
    this.app = app;
    this.authCap = authCap;
    this.startedAt = clock.instant();
    shutdown.onRaised(() -> lanes.values().forEach(Lane::wakeWaiters));
  }

  /**
   * The lane of one group for the RingCentral user a connection acts as. {@code tenantTag} names
   * the lane's tenant in metrics; it is asked for once.
   */
  Lane lane(ProviderConnection connection, RateLimitGroup group, Supplier<String> tenantTag) {
    return lane(holder(connection), group, tenantTag);
  }

  /**
   * Who a connection's requests count for: its account and authorizing user, as RingCentral counts
   * them (a connection that does not know its user yet counts for itself).
   */
  static String holder(ProviderConnection connection) {
    return connection.externalAccountId() == null || connection.ownerExtensionId() == null
        ? "connection " + connection.id()
        : holder(connection.externalAccountId(), connection.ownerExtensionId());
  }

  /** The holder of a RingCentral user: {@code account/extension}. */
  static String holder(String accountId, String extensionId) {
    return accountId + "/" + extensionId;
  }

  /**
   * The lane of one group for one budget holder (see {@link #holder}). {@code tenantTag} names the
   * lane's tenant in metrics; it is asked for once.
   */
  Lane lane(String holder, RateLimitGroup group, Supplier<String> tenantTag) {
    return lanes.computeIfAbsent(
        holder + "|" + group, key -> new Lane(holder, group, tenantTag.get()));
  }

  /**
   * Whether another node wrote lanes in the window before this one started (a restart, or a node
   * already running): only then may a lane without a record have been used without being written.
   * Asked once.
   */
  private boolean predecessorRecent() {
    Boolean known = predecessor;
    if (known == null) {
      try {
        known =
            memory.writtenBetween(
                startedAt.minus(settings.defaultWindow()).minus(settings.rememberEvery()),
                startedAt);
      } catch (RuntimeException e) {
        known = true;
      }
      predecessor = known;
    }
    return known;
  }

  /**
   * Writes what the lanes used since the last write to {@link LaneMemory}; {@code clean} when this
   * node has stopped sending (an orderly stop), so a successor may trust the record as complete.
   */
  void remember(boolean clean) {
    Instant now = clock.instant();
    List<LaneMemory.Remembered> changed = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      LaneMemory.Remembered state = lane.takeChange(now, clean);
      if (state != null) {
        changed.add(state);
      }
    }
    if (!changed.isEmpty()) {
      memory.remember(changed);
    }
  }

  /** Every lane of this node as it stands now, by holder and group. */
  List<RateLimitUse.Lane> use() {
    Instant now = clock.instant();
    return lanes.entrySet().stream()
        .map(
            entry ->
                entry
                    .getValue()
                    .use(entry.getKey().substring(0, entry.getKey().lastIndexOf('|')), now))
        .sorted(
            Comparator.comparing(RateLimitUse.Lane::tenant)
                .thenComparing(RateLimitUse.Lane::holder)
                .thenComparing(RateLimitUse.Lane::group))
        .toList();
  }

  /**
   * Registers the rate-limit meters of a tenant for every group at zero, so they are scraped before
   * its first call; the lanes later find the same meters.
   */
  void registerMeters(String tenantTag) {
    for (RateLimitGroup group : RateLimitGroup.values()) {
      waitsTimer(tenantTag, group);
      rejectionsCounter(tenantTag, group);
    }
  }

  private Timer waitsTimer(String tenantTag, RateLimitGroup group) {
    return Timer.builder("faxbridge.ratelimit.waits")
        .description("Time RingCentral calls waited for rate-limit budget")
        .tag("tenant", tenantTag)
        .tag("group", group.tag())
        .register(metrics);
  }

  private Counter rejectionsCounter(String tenantTag, RateLimitGroup group) {
    return Counter.builder("faxbridge.ratelimit.rejections")
        .description("Answers HTTP 429 from RingCentral")
        .tag("tenant", tenantTag)
        .tag("group", group.tag())
        .register(metrics);
  }

  /** A permit to send one request; hand it back through the lane exactly once. */
  static final class Permit {
    private boolean settled;
  }

  /** The budget of one (user, group). Thread-safe; waiting threads share one monitor. */
  final class Lane {
    private final String holder;
    private final RateLimitGroup group;
    private final Deque<Instant> counted = new ArrayDeque<>();
    private final Timer waits;
    private final Counter rejections;
    private int limit;
    private Duration window;
    private int inFlight;
    private Instant closedUntil = Instant.MIN;
    private boolean changed;
    private Instant lastUsed = Instant.MIN;
    private Instant lastWritten = Instant.MIN;

    private final String tenantTag;

    private Lane(String holder, RateLimitGroup group, String tenantTag) {
      this.holder = holder;
      this.group = group;
      this.tenantTag = tenantTag;
      this.limit = capped(group.defaultLimit());
      this.window = settings.defaultWindow();
      this.waits = waitsTimer(tenantTag, group);
      this.rejections = rejectionsCounter(tenantTag, group);
      Optional<LaneMemory.Remembered> remembered = memory.recall(app, holder, group);
      remembered.ifPresent(this::merge);
      Instant now = clock.instant();
      if (remembered.isEmpty() && startedAt.plus(window).isAfter(now) && predecessorRecent()) {
        // The node before this one did not write a lane this lightly used: assume it used it
        // as much as it could have without writing, at the moment this node started.
        for (int i = 0; i < unrecorded(); i++) {
          counted.addLast(startedAt);
        }
      }
    }

    /**
     * Up to this many requests in the window, a lane is not written periodically: a node that
     * starts and finds no record assumes as many (a tenth of the limit), so idle polls of thousands
     * of clinics cost no writes.
     */
    private int unrecorded() {
      return limit / 10;
    }

    private int capped(int limit) {
      return group == RateLimitGroup.AUTH ? Math.min(limit, authCap) : limit;
    }

    /**
     * Takes in what another node (or this node's predecessor) wrote of this lane: its requests
     * still in the window are added to this lane's (one instant counted once), its penalty too. A
     * record that was written before this node started and not at an orderly stop or a give-up may
     * miss what its node sent after writing it: the lane then counts as full until one window after
     * the next write was due.
     */
    private synchronized void merge(LaneMemory.Remembered remembered) {
      if (!remembered.writtenAt().isAfter(lastWritten)) {
        return; // this node wrote it, or wrote later: it knows more
      }
      Instant now = clock.instant();
      limit = capped(remembered.limit());
      window = remembered.window();
      if (remembered.closedUntil() != null && remembered.closedUntil().isAfter(closedUntil)) {
        closedUntil = remembered.closedUntil();
      }
      // The database keeps microseconds: compare at that precision, or an instant counts twice.
      TreeSet<Instant> union = new TreeSet<>();
      counted.forEach(at -> union.add(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
      remembered
          .sent()
          .forEach(at -> union.add(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
      List<Instant> merged = new ArrayList<>(union);
      if (!remembered.clean() && remembered.writtenAt().isBefore(startedAt)) {
        Instant unknownUntil = remembered.writtenAt().plus(settings.rememberEvery());
        if (unknownUntil.plus(window).isAfter(now)) {
          while (merged.size() < limit) {
            merged.add(unknownUntil);
          }
        }
      }
      counted.clear();
      merged.stream().sorted().forEach(counted::addLast);
      forgetBefore(now);
    }

    /**
     * Before the first request after a pause, reads what the lane's record says now: another node
     * may have used the lane meanwhile (a sync that gave up there may resume here).
     */
    private void refreshIfIdle() {
      if (group == RateLimitGroup.LIGHT) {
        return; // listings only, which a resumed sync does not make; Remaining tells the rest
      }
      Instant now = clock.instant();
      synchronized (this) {
        if (inFlight > 0 || lastUsed.plus(settings.rememberEvery()).isAfter(now)) {
          return;
        }
        lastUsed = now; // one read per pause, also when several threads arrive together
      }
      try {
        memory.recall(app, holder, group).ifPresent(this::merge);
      } catch (RuntimeException e) {
        // the database is unavailable: go on with what this node knows
      }
    }

    /** What changed since the last call, to remember; null when nothing did. */
    private synchronized LaneMemory.Remembered takeChange(Instant now, boolean clean) {
      if (!changed && !clean) {
        return null;
      }
      forgetBefore(now);
      boolean open = !now.isBefore(closedUntil);
      if (open && (counted.isEmpty() || (!clean && counted.size() + inFlight <= unrecorded()))) {
        // Nothing to tell, or so little that a successor's assumption covers it (see below).
        changed = counted.size() + inFlight > 0 && !clean;
        return null;
      }
      changed = false;
      now = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
      lastWritten = now;
      return new LaneMemory.Remembered(
          app,
          holder,
          group,
          counted.stream().map(at -> at.truncatedTo(java.time.temporal.ChronoUnit.MICROS)).toList(),
          limit,
          window,
          now.isBefore(closedUntil) ? closedUntil : null,
          now,
          clean && inFlight == 0);
    }

    RateLimitGroup group() {
      return group;
    }

    /**
     * Waits until a request may be sent and takes a permit for it.
     *
     * @throws ProviderException.RateLimited without waiting when the lane stays closed or full for
     *     longer than the configured maximum wait (its retry-after is {@link #RESUME_LEAD} short of
     *     the lane's opening, at most half the maximum wait), and at once when the node is shutting
     *     down
     */
    Permit acquire(String what) {
      refreshIfIdle();
      try {
        return acquireWaiting(what);
      } catch (ProviderException.RateLimited givenUp) {
        if (!shutdown.raised()) {
          rememberNow();
        }
        throw givenUp;
      }
    }

    /**
     * Writes this lane to {@link LaneMemory} at once: its caller gives up and the sync may resume
     * on another node, which reads it from there when it first uses the lane.
     */
    private void rememberNow() {
      LaneMemory.Remembered state = takeChange(clock.instant(), true);
      if (state != null) {
        try {
          memory.remember(List.of(state));
        } catch (RuntimeException e) {
          synchronized (this) {
            changed = true; // the periodic write tries again
          }
        }
      }
    }

    private synchronized Permit acquireWaiting(String what) {
      Instant started = clock.instant();
      Instant deadline = started.plus(settings.maxWait());
      boolean waited = false;
      while (true) {
        Instant now = clock.instant();
        Duration wait = waitAt(now);
        if (!wait.isZero() && shutdown.raised()) {
          throw new ProviderException.RateLimited(
              what + " gave up waiting for " + group.tag() + " budget: faxbridge is stopping",
              wait);
        }
        if (wait.isZero()) {
          inFlight++;
          lastUsed = now;
          if (waited) {
            waits.record(Duration.between(started, now));
          }
          return new Permit();
        }
        if (now.plus(wait).isAfter(deadline)) {
          // Come back a little before the lane opens: the next attempt then has its request
          // ready (claim taken, token at hand) and waits the rest here, within max-wait.
          Duration lead =
              RESUME_LEAD.compareTo(settings.maxWait().dividedBy(2)) < 0
                  ? RESUME_LEAD
                  : settings.maxWait().dividedBy(2);
          throw new ProviderException.RateLimited(
              what + " would wait " + wait + " for " + group.tag() + " rate-limit budget",
              wait.minus(lead));
        }
        waited = true;
        PausePoints.reach(PausePoints.PACED_WAIT);
        try {
          wait(Math.max(1, Math.min(wait.toMillis(), 1_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ProviderException.Unavailable(what + " was interrupted waiting for budget", e);
        }
      }
    }

    /** Whether a request may go within {@code wait} from now, as things stand. */
    synchronized boolean opensWithin(Duration wait) {
      return waitAt(clock.instant()).compareTo(wait) <= 0;
    }

    /** How long a request must wait at {@code now}: zero when one may go. */
    private Duration waitAt(Instant now) {
      if (now.isBefore(closedUntil)) {
        return Duration.between(now, closedUntil);
      }
      forgetBefore(now);
      if (counted.size() + inFlight < limit) {
        return Duration.ZERO;
      }
      if (counted.isEmpty()) {
        return Duration.ofMillis(50); // every slot is in flight; one comes back soon
      }
      return Duration.between(now, counted.peekFirst().plus(window)).plusMillis(1);
    }

    /**
     * The request got an answer other than 429; {@code limit}, {@code remaining} and {@code
     * windowSeconds} are its {@code X-Rate-Limit-*} headers where present.
     */
    synchronized void answered(
        Permit permit, OptionalInt limit, OptionalInt remaining, OptionalLong windowSeconds) {
      settle(permit);
      limit.ifPresent(l -> this.limit = capped(Math.max(1, l)));
      windowSeconds.ifPresent(w -> this.window = Duration.ofSeconds(Math.max(1, w)));
      if (remaining.isPresent()) {
        Instant now = clock.instant();
        forgetBefore(now);
        int unknownUse = (this.limit - remaining.getAsInt()) - (counted.size() + inFlight);
        for (int i = 0; i < unknownUse; i++) {
          counted.addLast(now);
        }
      }
      notifyAll();
    }

    /** The request was refused with 429: nothing goes to this group before {@code retryAfter}. */
    synchronized void rejected(Permit permit, Duration retryAfter) {
      settle(permit);
      rejections.increment();
      Instant until = clock.instant().plus(retryAfter);
      if (until.isAfter(closedUntil)) {
        closedUntil = until;
      }
      changed = true;
      notifyAll();
    }

    /** The request may or may not have reached RingCentral (reset, timeout): count it as sent. */
    synchronized void unanswered(Permit permit) {
      settle(permit);
      notifyAll();
    }

    /** Drops requests that left the sliding window. */
    private void forgetBefore(Instant now) {
      while (!counted.isEmpty() && !counted.peekFirst().plus(window).isAfter(now)) {
        counted.pollFirst();
      }
    }

    private void settle(Permit permit) {
      if (permit.settled) {
        return;
      }
      permit.settled = true;
      inFlight--;
      counted.addLast(clock.instant());
      changed = true;
    }

    /**
     * A request sent without a permit (the onboarding's first calls, before it knew the user) got
     * an answer: count it.
     */
    synchronized void sentUnpaced() {
      inFlight++;
      lastUsed = clock.instant();
      answered(new Permit(), OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty());
    }

    private synchronized void wakeWaiters() {
      notifyAll();
    }

    /** Whether this node is shutting down: a call refused for budget must not be retried. */
    boolean stopping() {
      return shutdown.raised();
    }

    /** What the lane has used of its window at {@code now}. */
    synchronized RateLimitUse.Lane use(String holder, Instant now) {
      forgetBefore(now);
      return new RateLimitUse.Lane(
          holder,
          tenantTag,
          group.tag(),
          counted.size() + inFlight,
          limit,
          window,
          now.isBefore(closedUntil) ? closedUntil : null);
    }

    /** When the lane opens again after a 429; {@link Instant#MIN} when it is not closed. */
    synchronized Instant closedUntil() {
      return closedUntil;
    }
  }
}
