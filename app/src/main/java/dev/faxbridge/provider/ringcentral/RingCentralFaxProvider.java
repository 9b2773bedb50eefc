package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.provider.Acknowledgement;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.FaxProvider;
import dev.faxbridge.provider.ListedFax;
import dev.faxbridge.provider.ListingRequest;
import dev.faxbridge.provider.Mailbox;
import dev.faxbridge.provider.ProviderException;
import dev.faxbridge.tenant.Tenants;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads inbound faxes from RingCentral. Lists with an explicit {@code dateFrom} and {@code dateTo}
 * (the platform's default window is only 24 hours), includes faxes staff have read or deleted, and
 * pages by narrowing {@code dateTo} (see {@link #listFaxes}), so neither faxes arriving while it
 * pages (they fall after {@code dateTo} and are picked up by the next window) nor faxes purged
 * meanwhile can shift a record out of sight.
 */
class RingCentralFaxProvider implements FaxProvider {

  /** How far past the oldest record of a page the next page's {@code dateTo} reaches. */
  static final Duration PAGE_OVERLAP = Duration.ofSeconds(1);

  private final RingCentralSession session;
  private final RingCentralClient client;
  private final RateLimitBudget budget;
  private final Tenants tenants;
  private final RingCentralSettings settings;
  private final ExtensionListing extensions;

  RingCentralFaxProvider(
      RingCentralSession session,
      RingCentralClient client,
      RateLimitBudget budget,
      Tenants tenants,
      RingCentralSettings settings,
      ExtensionListing extensions) {
    this.session = session;
    this.client = client;
    this.budget = budget;
    this.tenants = tenants;
    this.settings = settings;
    this.extensions = extensions;
  }

  /**
   * The connection's budget for one group. Endpoint to group per RingCentral's API reference:
   * extension list, content download, message PUT and DELETE are Medium; message list is Light.
   */
  private RateLimitBudget.Lane lane(ProviderConnection connection, RateLimitGroup group) {
    return budget.lane(connection, group, () -> tenants.get(connection.tenantId()).slug());
  }

  @Override
  public Provider provider() {
    return Provider.RINGCENTRAL;
  }

  /**
   * The account's fax mailboxes: what the connection's authorization listed moments ago, if it did
   * on this node ({@link ExtensionListing}), else a fresh listing.
   */
  @Override
  public List<Mailbox> mailboxes(ProviderConnection connection) {
    Optional<List<Mailbox>> authorized = extensions.takeFresh(connection.id());
    if (authorized.isPresent()) {
      return authorized.get();
    }
    List<Mailbox> mailboxes = new ArrayList<>();
    for (int page = 1; ; page++) {
      int current = page;
      JsonNode answer =
          session.withAccessToken(
              connection,
              token ->
                  client.get(
                      lane(connection, RateLimitGroup.MEDIUM),
                      token,
                      ExtensionListing.page(current),
                      "extension list of connection " + connection.id()));
      for (JsonNode record : Json.records(answer, "extension list")) {
        ExtensionListing.faxMailbox(record).ifPresent(mailboxes::add);
      }
      if (!Json.hasNextPage(answer)) {
        return mailboxes;
      }
    }
  }

  /**
   * Pages through {@code [from, to]} newest first by narrowing {@code dateTo} to the oldest record
   * seen (plus {@link #PAGE_OVERLAP}), always asking for the first page. Page numbers would shift
   * when a fax is purged between two requests and hide the record that moved up; a narrowed window
   * cannot skip one, and the records it lists twice are absorbed by the ledger's unique key. Only
   * when a whole page shares one instant (nothing to narrow by) does it move to the next page
   * number within that {@code dateTo}.
   */
  @Override
  public String listFaxes(
      ProviderConnection connection, ListingRequest request, Consumer<List<ListedFax>> onPage) {
    listWindow(connection, request.mailboxId(), request.from(), request.to(), onPage);
    return null; // the engine's time window is RingCentral's whole cursor
  }

  private void listWindow(
      ProviderConnection connection,
      String mailboxId,
      Instant from,
      Instant to,
      Consumer<List<ListedFax>> onPage) {
    Instant dateTo = to;
    int page = 1;
    while (true) {
      String path =
          "/restapi/v1.0/account/~/extension/"
              + mailboxId
              + "/message-store?messageType=Fax&direction=Inbound"
              + "&availability=Alive&availability=Deleted"
              + "&dateFrom="
              + DateTimeFormatter.ISO_INSTANT.format(from)
              + "&dateTo="
              + DateTimeFormatter.ISO_INSTANT.format(dateTo)
              + "&perPage="
              + settings.pageSize()
              + "&page="
              + page;
      String what = "message list of mailbox " + mailboxId;
      RateLimitBudget.Lane light = lane(connection, RateLimitGroup.LIGHT);
      JsonNode answer =
          session.withAccessToken(connection, token -> client.get(light, token, path, what));
      List<JsonNode> records = Json.records(answer, what);
      List<ListedFax> faxes = new ArrayList<>();
      Instant oldest = null;
      for (JsonNode record : records) {
        faxes.addAll(MessageRecord.faxDocuments(connection.externalAccountId(), mailboxId, record));
        Instant created = MessageRecord.instant(Json.text(record, "creationTime"));
        if (created != null && (oldest == null || created.isBefore(oldest))) {
          oldest = created;
        }
      }
      onPage.accept(faxes);
      if (!Json.hasNextPage(answer)) {
        return;
      }
      Instant narrowed = oldest == null ? dateTo : oldest.plus(PAGE_OVERLAP);
      if (narrowed.isBefore(dateTo)) {
        dateTo = narrowed;
        page = 1;
      } else {
        page++;
      }
    }
  }

  /** The sidecar's {@code ringcentral} block: account, extension, message and attachment ids. */
  @Override
  public Map<String, Object> sourceBlock(ListedFax fax) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("accountId", fax.accountId());
    block.put("extensionId", fax.mailboxId());
    block.put("messageId", fax.messageId());
    block.put("attachmentId", fax.attachmentId());
    return block;
  }

  @Override
  public DownloadedDocument download(ProviderConnection connection, ListedFax fax, Path target) {
    String what = "download of message " + fax.messageId() + " attachment " + fax.attachmentId();
    return session.withAccessToken(
        connection,
        token ->
            client.download(
                lane(connection, RateLimitGroup.MEDIUM),
                token,
                fax.documentUri(),
                target,
                fax.contentType(),
                fax.declaredSize(),
                what));
  }

  @Override
  public void acknowledge(ProviderConnection connection, ListedFax fax, Acknowledgement how) {
    if (how == Acknowledgement.NONE) {
      return;
    }
    String path =
        "/restapi/v1.0/account/~/extension/"
            + fax.mailboxId()
            + "/message-store/"
            + fax.messageId();
    String what =
        (how == Acknowledgement.MARK_READ ? "mark-read" : "delete")
            + " of message "
            + fax.messageId();
    RateLimitBudget.Lane medium = lane(connection, RateLimitGroup.MEDIUM);
    try {
      session.withAccessToken(
          connection,
          token -> {
            client.change(
                medium,
                token,
                how == Acknowledgement.MARK_READ ? path : path + "?purge=false",
                how == Acknowledgement.MARK_READ ? "{\"readStatus\":\"Read\"}" : null,
                what);
            return null;
          });
    } catch (ProviderException.Gone gone) {
      // purged or deleted at the source meanwhile: nothing left to acknowledge
    }
  }
}
