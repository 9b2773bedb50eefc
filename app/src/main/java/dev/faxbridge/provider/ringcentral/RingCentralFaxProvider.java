package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.provider.FaxProvider;
import dev.faxbridge.provider.ListedFax;
import dev.faxbridge.provider.Mailbox;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads inbound faxes from RingCentral. Lists with an explicit {@code dateFrom} and {@code dateTo}
 * (the platform's default window is only 24 hours), includes faxes staff have read or deleted, and
 * pages by number inside a fixed {@code dateTo}, so faxes arriving while it pages cannot shift the
 * pages (they fall after {@code dateTo} and are picked up by the next window).
 */
class RingCentralFaxProvider implements FaxProvider {

  /** Extension types that have a mailbox able to receive faxes. */
  private static final Set<String> FAX_MAILBOX_TYPES = Set.of("User", "FaxUser", "Department");

  private final RingCentralSession session;
  private final RingCentralClient client;
  private final RingCentralSettings settings;

  RingCentralFaxProvider(
      RingCentralSession session, RingCentralClient client, RingCentralSettings settings) {
    this.session = session;
    this.client = client;
    this.settings = settings;
  }

  @Override
  public Provider provider() {
    return Provider.RINGCENTRAL;
  }

  @Override
  public List<Mailbox> mailboxes(ProviderConnection connection) {
    List<Mailbox> mailboxes = new ArrayList<>();
    for (int page = 1; ; page++) {
      int current = page;
      JsonNode answer =
          session.withAccessToken(
              connection,
              token ->
                  client.get(
                      token,
                      "/restapi/v1.0/account/~/extension?status=Enabled&perPage=1000&page="
                          + current,
                      "extension list of connection " + connection.id()));
      for (JsonNode record : Json.records(answer, "extension list")) {
        String type = Json.text(record, "type");
        if (type != null && FAX_MAILBOX_TYPES.contains(type)) {
          mailboxes.add(
              new Mailbox(
                  Json.requiredId(record, "id", "extension"),
                  type,
                  Json.text(record, "extensionNumber")));
        }
      }
      if (!Json.hasNextPage(answer)) {
        return mailboxes;
      }
    }
  }

  @Override
  public void listFaxes(
      ProviderConnection connection,
      String mailboxId,
      Instant from,
      Instant to,
      Consumer<List<ListedFax>> onPage) {
    String window =
        "&dateFrom="
            + DateTimeFormatter.ISO_INSTANT.format(from)
            + "&dateTo="
            + DateTimeFormatter.ISO_INSTANT.format(to);
    for (int page = 1; ; page++) {
      String path =
          "/restapi/v1.0/account/~/extension/"
              + mailboxId
              + "/message-store?messageType=Fax&direction=Inbound"
              + "&availability=Alive&availability=Deleted"
              + window
              + "&perPage="
              + settings.pageSize()
              + "&page="
              + page;
      String what = "message list of mailbox " + mailboxId + " page " + page;
      JsonNode answer = session.withAccessToken(connection, token -> client.get(token, path, what));
      List<ListedFax> faxes = new ArrayList<>();
      for (JsonNode record : Json.records(answer, what)) {
        faxes.addAll(MessageRecord.faxDocuments(connection.externalAccountId(), mailboxId, record));
      }
      onPage.accept(faxes);
      if (!Json.hasNextPage(answer)) {
        return;
      }
    }
  }

  @Override
  public DownloadedDocument download(ProviderConnection connection, ListedFax fax, Path target) {
    String what = "download of message " + fax.messageId() + " attachment " + fax.attachmentId();
    return session.withAccessToken(
        connection,
        token ->
            client.download(
                token, fax.documentUri(), target, fax.contentType(), fax.declaredSize(), what));
  }
}
