package dev.faxbridge.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running RingCentral platform emulator: a platform listener (OAuth, REST API, {@code /control}
 * API) and a media listener (message content), both on 127.0.0.1. State is in memory unless the
 * builder names a {@linkplain Builder#stateDirectory state directory}; documents live in a
 * temporary directory removed by {@link #close()}.
 *
 * <pre>{@code
 * try (RingCentralEmulator emu = RingCentralEmulator.builder().start()) {
 *   ClientApp app = emu.createApp("faxbridge");
 *   Account clinic = emu.createAccount("Clinic A");
 *   String jwt = emu.issueJwtCredential(clinic.id(), clinic.ownerExtensionId(), app.clientId());
 *   emu.deliverFax(clinic.id(), clinic.ownerExtensionId(), InboundFaxSpec.of("+15551230001", "+15559870001", 2));
 * }
 * }</pre>
 */
public final class RingCentralEmulator implements AutoCloseable {

  static {
    // The JDK server writes headers and body in separate packets; without TCP_NODELAY, Nagle plus
    // delayed ACKs add ~40 ms to each answer. Read once per JVM, before the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final EmulatorClock clock;
  private final HttpServer platform;
  private final HttpServer media;
  private final ExecutorService executor;
  private final Directory directory = new Directory();
  private final JwtCredentials credentials;
  private final StateJournal journal;
  private final PersistedState state;
  private final OAuthSessions sessions;
  private final FaxDocuments documents = new FaxDocuments();
  private final MessageStore store;
  private final Faults faults = new Faults(42);
  private final RateLimits rateLimits;
  private final RequestLog<LoggedRequest> requestLog = new RequestLog<>();
  private final Subscriptions subscriptions;
  private final List<Route> platformRoutes;
  private final List<Route> mediaRoutes;

  private RingCentralEmulator(Builder builder) throws IOException {
    this.clock = new EmulatorClock(builder.clock);
    this.journal =
        builder.stateDirectory == null ? null : StateJournal.open(builder.stateDirectory);
    this.credentials =
        journal == null ? new JwtCredentials() : new JwtCredentials(journal.signingKey());
    this.state = journal == null ? PersistedState.NONE : new PersistedState(journal);
    this.sessions = new OAuthSessions(clock);
    this.rateLimits = new RateLimits(clock);
    this.store = new MessageStore(clock, documents);
    this.platform = bind(builder.port);
    this.media = bind(builder.mediaPort);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "rc-emulator-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.subscriptions = new Subscriptions(clock, this::platformUrl, this::mediaUrl, executor);
    store.onDelivery(subscriptions::faxDelivered);
    store.onChange(subscriptions::faxChanged);
    Mailboxes mailboxes = new Mailboxes(directory);
    AuthorizationCodes codes = new AuthorizationCodes(clock);
    OAuthEndpoints oauth = new OAuthEndpoints(clock, directory, credentials, sessions, codes);
    Listener.Services services =
        new Listener.Services(
            sessions, directory, faults, rateLimits, requestLog, oauth::rateLimitSubject);
    List<Route> platformRoutes = new ArrayList<>(oauth.routes());
    platformRoutes.addAll(new AuthorizePage(clock, directory, codes).routes());
    platformRoutes.addAll(new ExtensionEndpoints(directory, mailboxes).routes());
    platformRoutes.addAll(new MessageEndpoints(clock, store, mailboxes, this::mediaUrl).routes());
    platformRoutes.addAll(
        new MessageSyncEndpoint(clock, store, mailboxes, this::mediaUrl).routes());
    platformRoutes.addAll(new SubscriptionEndpoints(subscriptions, directory).routes());
    platformRoutes.addAll(new ControlEndpoints(this).routes());
    this.platformRoutes = List.copyOf(platformRoutes);
    this.mediaRoutes = new ContentEndpoint(store, mailboxes).routes();
    platform.createContext(
        "/", new Listener(this.platformRoutes, this::platformUrl, false, clock, services));
    media.createContext("/", new Listener(mediaRoutes, this::mediaUrl, true, clock, services));
    platform.setExecutor(executor);
    media.setExecutor(executor);
    state.replay(directory, credentials, store);
    store.observe(state);
    platform.start();
    media.start();
    if (builder.accessTokenLifetime != null || builder.refreshTokenLifetime != null) {
      TokenPolicy policy = sessions.policy();
      tokenLifetimes(
          builder.accessTokenLifetime != null
              ? builder.accessTokenLifetime
              : policy.accessLifetime(),
          builder.refreshTokenLifetime != null
              ? builder.refreshTokenLifetime
              : policy.refreshLifetime());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The platform base URL, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
  public URI platformUrl() {
    return URI.create("http://127.0.0.1:" + platform.getAddress().getPort());
  }

  /** The media base URL: where attachment {@code uri}s point. */
  public URI mediaUrl() {
    return URI.create("http://127.0.0.1:" + media.getAddress().getPort());
  }

  /** The emulator's clock: advance it to expire tokens, close windows and age messages. */
  public EmulatorClock clock() {
    return clock;
  }

  /** Registers an app with every scope and grant and no redirect URI. */
  public ClientApp createApp(String name) {
    return createApp(AppSpec.named(name));
  }

  /** Registers an app whose authorization-code flow may redirect to exactly these URIs. */
  public ClientApp createApp(String name, List<String> redirectUris) {
    return createApp(AppSpec.named(name).redirectUris(redirectUris));
  }

  /** Registers an app as configured in the developer console: scopes, grants, redirect URIs. */
  public ClientApp createApp(AppSpec spec) {
    ClientApp app = directory.createApp(spec).app();
    state.app(app, spec);
    return app;
  }

  /** The redirect URIs an app registered for the authorization-code flow. */
  public List<String> redirectUris(String clientId) {
    return directory
        .app(clientId)
        .map(registration -> registration.redirectUris())
        .orElseThrow(() -> new IllegalArgumentException("No app " + clientId));
  }

  /**
   * Replaces an app's redirect URIs, as editing the app in the developer console does; kept in the
   * state directory like the app itself.
   */
  public void redirectUris(String clientId, List<String> uris) {
    var current =
        directory
            .app(clientId)
            .orElseThrow(() -> new IllegalArgumentException("No app " + clientId));
    var changed = directory.redefineApp(clientId, current.spec().redirectUris(uris));
    state.app(changed.app(), changed.spec());
  }

  /** Every registered app. */
  public List<ClientApp> apps() {
    return directory.apps();
  }

  /** Creates an account with its owner, extension 101 "Main", an enabled admin user. */
  public Account createAccount(String name) {
    Account account = directory.createAccount(name);
    state.account(account);
    return account;
  }

  /** Every account, in creation order. */
  public List<Account> accounts() {
    return directory.accounts();
  }

  public Extension createExtension(String accountId, ExtensionSpec spec) {
    Extension extension = directory.createExtension(accountId, spec);
    state.extension(extension);
    return extension;
  }

  /** Every extension of an account, in ascending id order. */
  public List<Extension> extensions(String accountId) {
    return directory.extensions(accountId);
  }

  /** A JWT credential of this user, usable only by this app, without expiry. */
  public String issueJwtCredential(String accountId, String extensionId, String clientId) {
    return issueJwtCredential(accountId, extensionId, clientId, null);
  }

  /**
   * A JWT credential of this user; {@code clientId} null = any app; {@code expiresAt} null = never.
   */
  public String issueJwtCredential(
      String accountId, String extensionId, String clientId, Instant expiresAt) {
    requireExtension(accountId, extensionId);
    String jwt =
        credentials.issue(
            accountId, extensionId, clientId, clock.instant(), expiresAt, platformUrl().toString());
    state.jwt(jwt, accountId, extensionId, clientId, expiresAt);
    return jwt;
  }

  /** Revokes a JWT credential: later exchanges fail with OAU-140; open sessions stay. */
  public boolean revokeJwtCredential(String jwt) {
    boolean revoked = credentials.revoke(jwt);
    state.revoke(jwt);
    return revoked;
  }

  /** Delivers an inbound fax into the extension's mailbox (and notifies subscribers). */
  public FaxMessage deliverFax(String accountId, String extensionId, InboundFaxSpec spec) {
    return toFaxMessage(store.deliver(requireExtension(accountId, extensionId), spec));
  }

  /** When the newest fax of an account arrived, if it has any. */
  public Optional<Instant> newestFaxTime(String accountId) {
    return directory.extensions(accountId).stream()
        .flatMap(extension -> store.mailbox(accountId, extension.id()).stream())
        .map(StoredFax::creationTime)
        .max(Instant::compareTo);
  }

  /** Staff opens the fax: its read status becomes Read. */
  public void markRead(String accountId, String extensionId, String messageId) {
    store.markRead(accountId, extensionId, Long.parseLong(messageId), "Read");
  }

  /** Staff deletes the fax: Alive → Deleted, and a second call Deleted → Purged. */
  public void delete(String accountId, String extensionId, String messageId) {
    store.delete(accountId, extensionId, Long.parseLong(messageId), false);
  }

  /** Disables the user: its sessions end and its JWT credentials stop working (OAU-141). */
  public void disableUser(String accountId, String extensionId) {
    directory.setEnabled(accountId, extensionId, false);
    sessions.endSessionsOf(extensionId);
    state.enabled(accountId, extensionId, false);
  }

  public void enableUser(String accountId, String extensionId) {
    directory.setEnabled(accountId, extensionId, true);
    state.enabled(accountId, extensionId, true);
  }

  /**
   * Sets the password the authorization-code login page checks for this user (every user starts
   * with {@code password}).
   */
  public void setPassword(String accountId, String extensionId, String password) {
    requireExtension(accountId, extensionId);
    directory.password(extensionId, password);
    state.password(extensionId, password);
  }

  /**
   * Inbox retention: faxes older than {@code maxAge} or beyond the newest {@code maxPerMailbox} of
   * a mailbox disappear (HIPAA accounts: 30 days, 200). Null / {@code Integer.MAX_VALUE}: no limit
   * (the default).
   */
  public void retention(Duration maxAge, int maxPerMailbox) {
    store.retention(maxAge, maxPerMailbox);
  }

  /**
   * Ends the OAuth session one access or refresh token belongs to, as the user terminating the app
   * session would; false if no live session has that token.
   */
  public boolean revokeSession(String token) {
    return sessions.revoke(token);
  }

  /** Ends every OAuth session of a user, as when it logs out everywhere; returns how many. */
  public int endSessions(String extensionId) {
    return sessions.endSessionsOf(extensionId);
  }

  /** Lifetimes of tokens issued from now on (the platform's default: 1 h and 7 d). */
  public void tokenLifetimes(Duration access, Duration refresh) {
    sessions.policy(sessions.policy().withLifetimes(access, refresh));
  }

  /**
   * The grace during which a rotated refresh token still answers with the new pair: {@code grace}
   * after the new access token's first use, {@code unusedGrace} while it is unused.
   */
  public void refreshGrace(Duration grace, Duration unusedGrace) {
    TokenPolicy p = sessions.policy();
    sessions.policy(
        new TokenPolicy(
            p.accessLifetime(),
            p.refreshLifetime(),
            grace,
            unusedGrace,
            p.maxSessionsPerUserAndApp()));
  }

  /** Parallel sessions per (user, app); the oldest is ended beyond it. Default 5. */
  public void maxSessionsPerUserAndApp(int max) {
    TokenPolicy p = sessions.policy();
    sessions.policy(
        new TokenPolicy(
            p.accessLifetime(),
            p.refreshLifetime(),
            p.refreshGrace(),
            p.unusedRefreshGrace(),
            max));
  }

  /** Compresses (or stretches) the rate-limit window and penalty; limits stay as they are. */
  public void rateLimitTiming(Duration window, Duration penalty) {
    rateLimits.configure(window, penalty, null, rateLimits.enabled());
  }

  /**
   * Overrides the limit of one group ({@code Light}, {@code Medium}, {@code Heavy}, {@code Auth}).
   */
  public void rateLimit(String group, int requestsPerWindow) {
    Map<RateLimitGroup, Integer> limits = new EnumMap<>(RateLimitGroup.class);
    limits.put(groupNamed(group), requestsPerWindow);
    rateLimits.configure(null, null, limits, rateLimits.enabled());
  }

  /** Turns throttling off (headers still show the limits) or back on. */
  public void rateLimitsEnabled(boolean enabled) {
    rateLimits.configure(null, null, null, enabled);
  }

  /**
   * Waits until every WebHook notification sent so far has been answered or has failed; false when
   * {@code timeout} passed first.
   */
  public boolean awaitNotifications(Duration timeout) throws InterruptedException {
    return subscriptions.awaitIdle(timeout);
  }

  /**
   * Consecutive failed deliveries after which a WebHook subscription is blacklisted (default 3).
   */
  public void blacklistAfterFailures(int failures) {
    subscriptions.blacklistAfter(failures);
  }

  public void injectFault(FaultRule rule) {
    faults.add(rule);
  }

  public void clearFaults() {
    faults.clear();
  }

  /** Every request received so far on both listeners, in arrival order. */
  public List<LoggedRequest> requestLog() {
    return requestLog.entries();
  }

  public void clearRequestLog() {
    requestLog.clear();
  }

  /** Current state of one fax, e.g. to check that a client marked it read. */
  public FaxMessage fax(String accountId, String extensionId, String messageId) {
    return store
        .find(accountId, extensionId, Long.parseLong(messageId))
        .map(this::toFaxMessage)
        .orElseThrow(() -> new IllegalArgumentException("no message " + messageId));
  }

  /** Read status ({@code Read}/{@code Unread}) and availability of one fax, for assertions. */
  public String readStatus(String accountId, String extensionId, String messageId) {
    return stored(accountId, extensionId, messageId).readStatus();
  }

  public String availability(String accountId, String extensionId, String messageId) {
    return stored(accountId, extensionId, messageId).availability();
  }

  @Override
  public void close() {
    platform.stop(0);
    media.stop(0);
    executor.shutdownNow();
    documents.close();
    if (journal != null) {
      journal.close();
    }
  }

  List<Route> platformRoutes() {
    return platformRoutes;
  }

  List<Route> mediaRoutes() {
    return mediaRoutes;
  }

  Directory directory() {
    return directory;
  }

  StoredFax stored(String accountId, String extensionId, String messageId) {
    return store
        .find(accountId, extensionId, Long.parseLong(messageId))
        .orElseThrow(() -> new IllegalArgumentException("no message " + messageId));
  }

  private Extension requireExtension(String accountId, String extensionId) {
    return directory
        .extension(accountId, extensionId)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no extension " + extensionId + " in account " + accountId));
  }

  private FaxMessage toFaxMessage(StoredFax fax) {
    List<FaxMessage.Attachment> attachments =
        fax.attachments().stream()
            .map(
                a ->
                    new FaxMessage.Attachment(
                        Long.toString(a.id()),
                        a.document().size(),
                        a.document().contentType(),
                        a.document().pageCount(),
                        a.document().sha256()))
            .toList();
    FaxMessage.Attachment first = attachments.get(0);
    return new FaxMessage(
        Long.toString(fax.id()),
        first.id(),
        fax.creationTime(),
        first.size(),
        first.contentType(),
        fax.pageCount(),
        fax.accountId(),
        fax.extensionId(),
        first.sha256(),
        attachments);
  }

  static RateLimitGroup groupNamed(String name) {
    for (RateLimitGroup group : RateLimitGroup.values()) {
      if (group.headerValue().equalsIgnoreCase(name)) {
        return group;
      }
    }
    throw new IllegalArgumentException("unknown rate-limit group: " + name);
  }

  private static HttpServer bind(int port) throws IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
  }

  /** Configures and starts an emulator. */
  public static final class Builder {
    private int port;
    private int mediaPort;
    private Clock clock = Clock.systemUTC();
    private Duration accessTokenLifetime;
    private Duration refreshTokenLifetime;
    private Path stateDirectory;

    private Builder() {}

    /**
     * Keeps accounts, apps, credentials and faxes in this directory across restarts (see {@link
     * StateJournal}); without it, all state is gone when the emulator stops.
     */
    public Builder stateDirectory(Path directory) {
      this.stateDirectory = directory;
      return this;
    }

    /** Platform port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Media port; 0 (the default) picks a free one. */
    public Builder mediaPort(int port) {
      this.mediaPort = port;
      return this;
    }

    /** The base clock; the emulator's {@link EmulatorClock} moves on from it. Default: UTC. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder tokenLifetimes(Duration access, Duration refresh) {
      this.accessTokenLifetime = access;
      this.refreshTokenLifetime = refresh;
      return this;
    }

    public RingCentralEmulator start() {
      try {
        return new RingCentralEmulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the RingCentral emulator", e);
      }
    }
  }
}
