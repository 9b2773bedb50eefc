package dev.faxbridge.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The mailboxes of all extensions. Deleting moves a message Alive → Deleted → Purged; purging drops
 * its document. Thread-safe (one monitor); listeners hear about every new fax.
 */
final class MessageStore {

  private static final Comparator<StoredFax> NEWEST_FIRST =
      Comparator.comparing(StoredFax::creationTime).thenComparingLong(StoredFax::id).reversed();

  private final Clock clock;
  private final FaxDocuments documents;
  private final AtomicLong messageIds = new AtomicLong(2_000_112_004_001L);
  private final AtomicLong attachmentIds = new AtomicLong(4_000_112_104_001L);
  private final Map<Long, StoredFax> messages = new LinkedHashMap<>();
  private Observer observer = PersistedState.NONE;
  private Duration maxAge;
  private int maxPerMailbox = Integer.MAX_VALUE;
  private final List<Consumer<StoredFax>> changeListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<StoredFax>> listeners = new CopyOnWriteArrayList<>();

  MessageStore(Clock clock, FaxDocuments documents) {
    this.clock = clock;
    this.documents = documents;
  }

  void onDelivery(Consumer<StoredFax> listener) {
    listeners.add(listener);
  }

  /** Hears about read-status changes and deletions; called under the store's monitor. */
  void onChange(Consumer<StoredFax> listener) {
    changeListeners.add(listener);
  }

  /**
   * Told about every change inside the store's monitor, so it sees changes in the order they
   * happened (the state journal relies on that). Must not call back into the store.
   */
  interface Observer {
    void delivered(StoredFax fax, InboundFaxSpec spec);

    void readStatusChanged(StoredFax fax);

    void deleted(StoredFax fax, boolean purge);
  }

  void observe(Observer observer) {
    this.observer = observer;
  }

  StoredFax deliver(Extension mailbox, InboundFaxSpec spec) {
    StoredFax fax =
        render(
            mailbox,
            spec,
            messageIds.getAndAdd(7),
            attachmentIds.getAndAdd(3L * spec.attachments()));
    synchronized (this) {
      messages.put(fax.id(), fax);
      observer.delivered(fax, spec);
    }
    listeners.forEach(listener -> listener.accept(fax));
    return fax;
  }

  /**
   * Puts back a fax recorded before a restart, with its ids (the first attachment's; the others
   * follow in steps of 3, as {@link #deliver} numbers them); nobody is notified.
   */
  StoredFax restore(Extension mailbox, InboundFaxSpec spec, long id, long attachmentId) {
    messageIds.accumulateAndGet(id + 7, Math::max);
    attachmentIds.accumulateAndGet(attachmentId + 3L * spec.attachments(), Math::max);
    StoredFax fax = render(mailbox, spec, id, attachmentId);
    synchronized (this) {
      messages.put(id, fax);
    }
    return fax;
  }

  /**
   * The fax with its documents. The first document is rendered from the message id, as a fax with
   * one document always was; each further one from its attachment id, so its bytes differ.
   */
  private StoredFax render(
      Extension mailbox, InboundFaxSpec spec, long id, long firstAttachmentId) {
    Instant received = spec.receivedAt() != null ? spec.receivedAt() : clock.instant();
    List<StoredAttachment> attachments = new ArrayList<>();
    for (int i = 0; i < spec.attachments(); i++) {
      long attachmentId = firstAttachmentId + 3L * i;
      attachments.add(
          new StoredAttachment(
              attachmentId, documents.render(i == 0 ? id : attachmentId, spec, received)));
    }
    return new StoredFax(
        id,
        mailbox.accountId(),
        mailbox.id(),
        spec.from(),
        spec.senderName(),
        spec.to(),
        mailbox.name(),
        received,
        received,
        "Unread",
        "Alive",
        List.copyOf(attachments),
        clock.instant());
  }

  /**
   * Inbox retention as on HIPAA-enabled accounts (30 days, 200 messages): messages older than
   * {@code maxAge} or beyond the newest {@code maxPerMailbox} of their mailbox disappear, documents
   * included. Null / {@code Integer.MAX_VALUE} switch a limit off (the default).
   */
  synchronized void retention(Duration maxAge, int maxPerMailbox) {
    this.maxAge = maxAge;
    this.maxPerMailbox = maxPerMailbox;
  }

  synchronized Optional<StoredFax> find(String accountId, String extensionId, long id) {
    enforceRetention();
    StoredFax fax = messages.get(id);
    return fax != null && fax.accountId().equals(accountId) && fax.extensionId().equals(extensionId)
        ? Optional.of(fax)
        : Optional.empty();
  }

  /** Every message of a mailbox, newest first (creation time descending, then id descending). */
  synchronized List<StoredFax> mailbox(String accountId, String extensionId) {
    enforceRetention();
    List<StoredFax> result = new ArrayList<>();
    for (StoredFax fax : messages.values()) {
      if (fax.accountId().equals(accountId) && fax.extensionId().equals(extensionId)) {
        result.add(fax);
      }
    }
    result.sort(
        Comparator.comparing(StoredFax::creationTime).thenComparingLong(StoredFax::id).reversed());
    return result;
  }

  synchronized StoredFax markRead(String accountId, String extensionId, long id, String status) {
    StoredFax fax = require(accountId, extensionId, id);
    StoredFax changed = fax.withReadStatus(status, clock.instant());
    messages.put(id, changed);
    observer.readStatusChanged(changed);
    changeListeners.forEach(listener -> listener.accept(changed));
    return changed;
  }

  /** First call: Alive → Deleted. Second call (or {@code purge}): → Purged, document dropped. */
  synchronized StoredFax delete(String accountId, String extensionId, long id, boolean purge) {
    StoredFax fax = require(accountId, extensionId, id);
    String next = purge || !fax.availability().equals("Alive") ? "Purged" : "Deleted";
    StoredFax changed = fax.withAvailability(next, clock.instant());
    messages.put(id, changed);
    if (next.equals("Purged") && fax.hasContent()) {
      fax.attachments().forEach(a -> documents.discard(a.document()));
    }
    observer.deleted(changed, purge);
    changeListeners.forEach(listener -> listener.accept(changed));
    return changed;
  }

  private void enforceRetention() {
    if (maxAge == null && maxPerMailbox == Integer.MAX_VALUE) {
      return;
    }
    Instant oldest = maxAge == null ? Instant.MIN : clock.instant().minus(maxAge);
    Map<String, List<StoredFax>> byMailbox = new LinkedHashMap<>();
    for (StoredFax fax : messages.values()) {
      byMailbox
          .computeIfAbsent(fax.accountId() + "/" + fax.extensionId(), k -> new ArrayList<>())
          .add(fax);
    }
    for (List<StoredFax> mailbox : byMailbox.values()) {
      mailbox.sort(NEWEST_FIRST);
      for (int i = 0; i < mailbox.size(); i++) {
        StoredFax fax = mailbox.get(i);
        if (i >= maxPerMailbox || fax.creationTime().isBefore(oldest)) {
          messages.remove(fax.id());
          if (fax.hasContent()) {
            fax.attachments().forEach(a -> documents.discard(a.document()));
          }
        }
      }
    }
  }

  private StoredFax require(String accountId, String extensionId, long id) {
    return find(accountId, extensionId, id).orElseThrow(() -> PlatformError.notFound("messageId"));
  }
}
