package dev.faxbridge.provider.faxage;

import dev.faxbridge.connection.AuthorizationHealth;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.provider.Acknowledgement;
import dev.faxbridge.provider.DocumentType;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.FaxProvider;
import dev.faxbridge.provider.ListedFax;
import dev.faxbridge.provider.ListingRequest;
import dev.faxbridge.provider.Mailbox;
import dev.faxbridge.provider.ProviderException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a clinic's inbound faxes from Faxage. Faxage's own queue is what it has not marked handled:
 * every listing asks {@code listfax} for the unhandled faxes (time windows mean nothing here), and
 * the ledger absorbs the ones it already knows. A fax leaves that queue only through its
 * acknowledgement, which the engine sends after the delivery is recorded: {@code handled=1} or
 * {@code delfax}, as the connection chose. The cursor is the highest fax id seen, kept for the
 * operator (how far the listing has come) and to tell new faxes from old ones in the log.
 *
 * <p>A company has one inbox; its faxes are named {@code faxage-<company>-inbox-<recvid>-1} (one
 * document per fax). Phone numbers are never logged; messages carry ids and counts.
 */
class FaxageFaxProvider implements FaxProvider {

  private static final Logger log = LoggerFactory.getLogger(FaxageFaxProvider.class);

  /** The one mailbox of a Faxage company. */
  static final String INBOX = "inbox";

  /** The one document of a Faxage fax. */
  static final String DOCUMENT = "1";

  private final FaxageClient client;
  private final FaxageLogins logins;
  private final AuthorizationHealth health;

  FaxageFaxProvider(FaxageClient client, FaxageLogins logins, AuthorizationHealth health) {
    this.client = client;
    this.logins = logins;
    this.health = health;
  }

  /**
   * Runs a call with the connection's login; a login Faxage refuses (ERR02) marks the connection as
   * needing re-authorization (once per episode, with its notification) before it ends the sync.
   */
  private <T> T withLogin(ProviderConnection connection, Function<FaxageCredentials, T> call) {
    try {
      return call.apply(logins.of(connection));
    } catch (ProviderException.AuthorizationRevoked refused) {
      health.lost(connection, String.valueOf(refused.providerCode()), "sync");
      throw refused;
    }
  }

  @Override
  public Provider provider() {
    return Provider.FAXAGE;
  }

  @Override
  public List<Mailbox> mailboxes(ProviderConnection connection) {
    return List.of(new Mailbox(INBOX, "Company", null));
  }

  /**
   * Lists the company's unhandled faxes. A line that cannot be read but names its fax id becomes
   * that fax's defect; a line without an id cannot be named and is only counted in the log.
   *
   * @return the highest fax id seen so far
   */
  @Override
  public String listFaxes(
      ProviderConnection connection, ListingRequest request, Consumer<List<ListedFax>> onPage) {
    FaxageCredentials login = logins.of(connection);
    FaxageListing listing = withLogin(connection, l -> client.listfax(l, true, null));
    long highest = request.cursor() == null ? 0 : Long.parseLong(request.cursor());
    long before = highest;
    List<ListedFax> faxes = new ArrayList<>();
    for (FaxRecord record : listing.faxes()) {
      faxes.add(
          new ListedFax(
              Provider.FAXAGE,
              login.company(),
              INBOX,
              Long.toString(record.recvid()),
              DOCUMENT,
              record.receivedAt(),
              record.callerNumber(),
              record.dialedNumber(),
              record.pageCount(),
              DocumentType.PDF,
              null,
              null,
              null,
              record.stationId() == null || record.stationId().isBlank()
                  ? null
                  : record.stationId()));
      highest = Math.max(highest, record.recvid());
    }
    int unnamed = 0;
    for (FaxageListing.UnreadableLine line : listing.unreadable()) {
      if (line.recvid() == null) {
        unnamed++;
        continue;
      }
      faxes.add(
          new ListedFax(
              Provider.FAXAGE,
              login.company(),
              INBOX,
              Long.toString(line.recvid()),
              DOCUMENT,
              null,
              null,
              null,
              null,
              DocumentType.PDF,
              null,
              null,
              "Faxage listed fax "
                  + line.recvid()
                  + " in a line faxbridge cannot read: "
                  + line.reason(),
              null));
      highest = Math.max(highest, line.recvid());
    }
    if (unnamed > 0) {
      log.warn(
          "Connection {}: {} listfax lines without a fax id could not be read",
          connection.id(),
          unnamed);
    }
    onPage.accept(faxes);
    if (highest > before) {
      log.debug("Connection {}: Faxage ids seen up to {}", connection.id(), highest);
    }
    return Long.toString(highest);
  }

  @Override
  public DownloadedDocument download(ProviderConnection connection, ListedFax fax, Path target) {
    return withLogin(connection, login -> client.getfax(login, recvid(fax), target));
  }

  /**
   * {@link Acknowledgement#MARK_READ} is Faxage's {@code handled=1}, {@link Acknowledgement#DELETE}
   * its {@code delfax}; {@link Acknowledgement#NONE} leaves the fax in Faxage's queue.
   */
  @Override
  public void acknowledge(ProviderConnection connection, ListedFax fax, Acknowledgement how) {
    if (how == Acknowledgement.NONE) {
      return;
    }
    long recvid = recvid(fax);
    withLogin(
        connection,
        login -> {
          if (how == Acknowledgement.DELETE) {
            client.delfax(login, recvid);
          } else {
            client.handled(login, recvid);
          }
          return null;
        });
  }

  /** The sidecar's {@code faxage} block: the company and Faxage's fax id. */
  @Override
  public Map<String, Object> sourceBlock(ListedFax fax) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("company", fax.accountId());
    block.put("recvid", fax.messageId());
    return block;
  }

  /**
   * The faxes Faxage still holds unhandled for the connection's company right now, by id (a line
   * without an id counts as {@code "unreadable"}).
   */
  @Override
  public Optional<List<String>> pendingAtSource(ProviderConnection connection) {
    FaxageListing listing = withLogin(connection, login -> client.listfax(login, true, null));
    List<String> ids = new ArrayList<>();
    listing.faxes().forEach(record -> ids.add(Long.toString(record.recvid())));
    listing.unreadable().stream()
        .map(FaxageListing.UnreadableLine::recvid)
        .forEach(id -> ids.add(id == null ? "unreadable" : Long.toString(id)));
    return Optional.of(ids);
  }

  private static long recvid(ListedFax fax) {
    return Long.parseLong(fax.messageId());
  }
}
