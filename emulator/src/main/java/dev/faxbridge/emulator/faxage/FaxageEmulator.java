package dev.faxbridge.emulator.faxage;

import com.sun.net.httpserver.HttpServer;
import dev.faxbridge.emulator.EmulatorClock;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.Faults;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.RequestLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running Faxage emulator on 127.0.0.1: the API endpoint {@code /httpsfax.php} and the JSON
 * control API under {@code /control}. State is in memory; documents live in a temporary directory
 * removed by {@link #close()}.
 *
 * <pre>{@code
 * try (FaxageEmulator faxage = FaxageEmulator.builder().start()) {
 *   FaxageAccount clinic = faxage.createAccount("40123", "clinic-a", "secret");
 *   FaxageFax fax = faxage.deliverFax("40123", InboundFaxSpec.of("+15551230001", "+15559870001", 2));
 *   // point the client at faxage.endpointUrl(); then check faxage.fax(fax.recvid()).handled()
 * }
 * }</pre>
 */
public final class FaxageEmulator implements AutoCloseable {

  /** The path of Faxage's one API endpoint. */
  public static final String ENDPOINT = "/httpsfax.php";

  static {
    // As for the RingCentral emulator: without TCP_NODELAY the JDK server adds ~40 ms per answer.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final EmulatorClock clock;
  private final ZoneId zone;
  private final Inbox inbox;
  private final Faults faults = new Faults(42);
  private final RequestLog<FaxageRequest> requestLog = new RequestLog<>();
  private final AtomicReference<ListLayout> layout;
  private final AtomicBoolean databaseDown = new AtomicBoolean();
  private final HttpServer server;
  private final ExecutorService executor;

  private FaxageEmulator(Builder builder) throws IOException {
    this.clock = new EmulatorClock(builder.clock);
    this.zone = builder.zone;
    this.inbox = new Inbox(clock, builder.firstRecvid);
    this.layout = new AtomicReference<>(builder.layout);
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 64);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "faxage-emulator-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    HttpsFaxEndpoint endpoint = new HttpsFaxEndpoint(inbox, zone, layout::get, databaseDown::get);
    server.createContext(ENDPOINT, new FaxageListener(endpoint, faults, requestLog, clock));
    server.createContext("/control", new FaxageControl(this));
    server.setExecutor(executor);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The API endpoint: {@link #baseUrl()} plus {@value #ENDPOINT}. */
  public URI endpointUrl() {
    return URI.create(baseUrl() + ENDPOINT);
  }

  /** The emulator's clock: faxes delivered without a receive time arrive "now" on it. */
  public EmulatorClock clock() {
    return clock;
  }

  /** The zone {@code listfax} renders receive times in. */
  public ZoneId timeZone() {
    return zone;
  }

  /**
   * Creates a user; its company exists from its first user on. Faxes belong to the company, and
   * every user of the company sees them.
   */
  public FaxageAccount createAccount(String company, String username, String password) {
    return inbox.createAccount(company, username, password);
  }

  /** Every user, in creation order. */
  public List<FaxageAccount> accounts() {
    return inbox.accounts();
  }

  /** Changes a user's password: calls with the old one answer ERR02 from now on. */
  public void setPassword(String company, String username, String password) {
    inbox.setPassword(company, username, password);
  }

  /** Disables (or enables again) a user: its calls answer ERR02, as for a wrong password. */
  public void setDisabled(String company, String username, boolean disabled) {
    inbox.setDisabled(company, username, disabled);
  }

  /**
   * Delivers an inbound fax to the company: {@code from} is the caller id (cid), {@code to} the DID
   * dialed (dnis), {@code senderName} the sending station's id (tsid); {@code contentType} PDF or
   * TIFF is what {@code getfax} answers.
   */
  public FaxageFax deliverFax(String company, InboundFaxSpec spec) {
    return inbox.deliver(company, spec);
  }

  /** Replaces a fax's stored bytes (a broken store, an error page saved as the document). */
  public void replaceDocument(long recvid, byte[] bytes) {
    inbox.replaceDocument(recvid, bytes);
  }

  /** The fax as the emulator holds it now, deleted or not. */
  public FaxageFax fax(long recvid) {
    return inbox.fax(recvid);
  }

  /** Every fax the company received, deleted ones included, in ascending id order. */
  public List<FaxageFax> faxes(String company) {
    return inbox.faxes(company);
  }

  /** The field order of {@code listfax} lines from now on. */
  public void listLayout(ListLayout layout) {
    this.layout.set(layout);
  }

  public ListLayout listLayout() {
    return layout.get();
  }

  /** While true, every call answers {@code ERR01: Database connection failed}. */
  public void databaseDown(boolean down) {
    databaseDown.set(down);
  }

  /**
   * Injects a fault. A rule's path is {@code *}, {@value #ENDPOINT} (every operation) or an
   * operation name ({@code listfax}, {@code getfax}, ...).
   */
  public void injectFault(FaultRule rule) {
    faults.add(rule);
  }

  public void clearFaults() {
    faults.clear();
  }

  /** Every API request received so far, in arrival order (control calls are not logged). */
  public List<FaxageRequest> requestLog() {
    return requestLog.entries();
  }

  public void clearRequestLog() {
    requestLog.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    inbox.close();
  }

  /** Configures and starts an emulator. */
  public static final class Builder {
    private int port;
    private Clock clock = Clock.systemUTC();
    private ZoneId zone = ZoneId.of("America/Denver");
    private ListLayout layout = ListLayout.TIME_SPLIT;
    private long firstRecvid = 51_000_001L;

    private Builder() {}

    /**
     * The id of the first fax delivered. State is in memory, so an emulator started again on a
     * client that remembers ids (the demo) starts above the ids it gave out before.
     */
    public Builder firstRecvid(long firstRecvid) {
      if (firstRecvid < 1) {
        throw new IllegalArgumentException("fax ids start at 1 or above");
      }
      this.firstRecvid = firstRecvid;
      return this;
    }

    /** The port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The base clock; the emulator's {@link EmulatorClock} moves on from it. Default: UTC. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The zone of the times {@code listfax} shows. Default {@code America/Denver} (see README). */
    public Builder timeZone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /** The field order of {@code listfax} lines. Default {@link ListLayout#TIME_SPLIT}. */
    public Builder listLayout(ListLayout layout) {
      this.layout = layout;
      return this;
    }

    public FaxageEmulator start() {
      try {
        return new FaxageEmulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the Faxage emulator", e);
      }
    }
  }
}
