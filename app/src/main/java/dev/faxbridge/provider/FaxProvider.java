package dev.faxbridge.provider;

import dev.faxbridge.connection.Provider;
import dev.faxbridge.connection.ProviderConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the sync engine needs from a fax provider: its mailboxes, a listing that moves on by a
 * cursor the provider owns, a checked download, the acknowledgement after delivery, and how a fax
 * of this provider is named to the clinic. Implementations are thread-safe.
 */
public interface FaxProvider {

  Provider provider();

  /** The fax mailboxes (or lines) of the connection's account as they are now. */
  List<Mailbox> mailboxes(ProviderConnection connection);

  /**
   * Lists the inbound faxes of {@code request}'s mailbox that are new since the request's cursor,
   * handing each page to {@code onPage} before fetching the next, so a failure part-way keeps what
   * was already seen. Faxes that staff read or deleted (but that the provider still holds) are
   * included where the provider can tell.
   *
   * @return the cursor to keep once every page is recorded (opaque to the engine); the engine
   *     stores it only after this returns
   */
  String listFaxes(
      ProviderConnection connection, ListingRequest request, Consumer<List<ListedFax>> onPage);

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

  /**
   * The fax's identity in this provider's own words, for the {@code source} block of what is
   * delivered (the drop folder's sidecar names it after the provider). No phone numbers.
   */
  Map<String, Object> sourceBlock(ListedFax fax);

  /**
   * The provider's ids of the faxes its source still holds as not yet taken (Faxage: not marked
   * handled), asked live: the final drain's proof before a connection is retired. Empty when the
   * provider keeps no such queue and so cannot prove a drain (RingCentral keeps every fax until its
   * retention ends).
   */
  default Optional<List<String>> pendingAtSource(ProviderConnection connection) {
    return Optional.empty();
  }
}
