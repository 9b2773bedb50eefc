package dev.faxbridge.provider;

import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** What the sync engine needs from a fax provider. Implementations are thread-safe. */
public interface FaxProvider {

  Provider provider();

  /** The fax mailboxes of the connection's account as they are now. */
  List<Mailbox> mailboxes(ProviderConnection connection);

  /**
   * Lists the inbound faxes that {@code mailboxId} received in {@code [from, to)}, handing each
   * page to {@code onPage} before fetching the next, so a failure part-way keeps what was already
   * seen. Faxes that staff read or deleted (but that the provider still holds) are included.
   */
  void listFaxes(
      ProviderConnection connection,
      String mailboxId,
      Instant from,
      Instant to,
      Consumer<List<ListedFax>> onPage);

  /**
   * Streams the fax document to {@code target}, checking that it is complete and of the announced
   * type. On failure {@code target} may hold a partial file that the caller discards.
   */
  DownloadedDocument download(ProviderConnection connection, ListedFax fax, Path target);

  /**
   * Acknowledges a delivered fax at the source as {@code how} says; {@link Acknowledgement#NONE}
   * does nothing. A fax the provider no longer has counts as acknowledged.
   */
  void acknowledge(ProviderConnection connection, ListedFax fax, Acknowledgement how);
}
