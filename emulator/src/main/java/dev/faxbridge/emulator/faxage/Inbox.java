package dev.faxbridge.emulator.faxage;

import dev.faxbridge.emulator.FaxDocuments;
import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.StoredDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The emulated world: companies, their users and the faxes each company received. Fax ids ({@code
 * recvid}) increase across companies, as one provider-wide sequence would. Thread-safe.
 */
final class Inbox implements AutoCloseable {

  /** A fax and its mutable flags. */
  static final class Received {
    final long recvid;
    final String company;
    final Instant receivedAt;
    final InboundFaxSpec spec;
    StoredDocument document;
    boolean handled;
    boolean deleted;

    Received(long recvid, String company, Instant receivedAt, InboundFaxSpec spec) {
      this.recvid = recvid;
      this.company = company;
      this.receivedAt = receivedAt;
      this.spec = spec;
    }

    FaxageFax snapshot() {
      return new FaxageFax(
          recvid,
          company,
          receivedAt,
          spec.from(),
          spec.to(),
          spec.senderName(),
          spec.pageCount(),
          document.contentType(),
          document.size(),
          document.sha256(),
          handled,
          deleted);
    }
  }

  private final Clock clock;
  private final FaxDocuments documents = new FaxDocuments("Faxage emulator");
  private final Map<String, FaxageAccount> users = new LinkedHashMap<>();
  private final Map<String, Boolean> disabled = new LinkedHashMap<>();
  private final Map<Long, Received> faxes = new TreeMap<>();
  private long nextRecvid;

  Inbox(Clock clock, long firstRecvid) {
    this.nextRecvid = firstRecvid;
    this.clock = clock;
  }

  synchronized FaxageAccount createAccount(String company, String username, String password) {
    FaxageAccount account = new FaxageAccount(company, username, password);
    if (users.putIfAbsent(key(company, username), account) != null) {
      throw new IllegalArgumentException(
          "user " + username + " of company " + company + " exists already");
    }
    return account;
  }

  synchronized List<FaxageAccount> accounts() {
    return List.copyOf(users.values());
  }

  synchronized void setPassword(String company, String username, String password) {
    FaxageAccount old = requireUser(company, username);
    users.put(key(company, username), new FaxageAccount(old.company(), old.username(), password));
  }

  synchronized void setDisabled(String company, String username, boolean off) {
    requireUser(company, username);
    disabled.put(key(company, username), off);
  }

  /** The user these credentials log in as, if they are right and the user is enabled. */
  synchronized Optional<FaxageAccount> login(String company, String username, String password) {
    if (company == null || username == null || password == null) {
      return Optional.empty();
    }
    FaxageAccount account = users.get(key(company, username));
    if (account == null
        || !account.password().equals(password)
        || disabled.getOrDefault(key(company, username), false)) {
      return Optional.empty();
    }
    return Optional.of(account);
  }

  /**
   * Stores a fax with the next {@code recvid}. Deliveries are serialized (rendering included), so
   * faxes become visible in ascending id order and a listing never shows a gap that fills later.
   */
  synchronized FaxageFax deliver(String company, InboundFaxSpec spec) {
    if (users.keySet().stream().noneMatch(k -> k.startsWith(company + "\u0000"))) {
      throw new IllegalArgumentException("no company " + company);
    }
    Instant at = spec.receivedAt() == null ? clock.instant() : spec.receivedAt();
    Received fax = new Received(nextRecvid++, company, at, spec);
    fax.document = documents.render(fax.recvid, fax.spec, fax.receivedAt);
    faxes.put(fax.recvid, fax);
    return fax.snapshot();
  }

  /** Replaces the stored bytes of a fax, as a broken store would; the content type stays. */
  synchronized void replaceDocument(long recvid, byte[] bytes) {
    Received fax = require(recvid);
    try {
      Files.write(fax.document.file(), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    fax.document =
        new StoredDocument(
            fax.document.file(),
            bytes.length,
            fax.document.contentType(),
            fax.document.sha256(),
            fax.document.pageCount());
  }

  /** Faxes of a company not deleted, in ascending id order. */
  synchronized List<Received> listable(String company) {
    List<Received> result = new ArrayList<>();
    for (Received fax : faxes.values()) {
      if (fax.company.equals(company) && !fax.deleted) {
        result.add(fax);
      }
    }
    return result;
  }

  /** A fax of this company that is not deleted. */
  synchronized Optional<Received> find(String company, long recvid) {
    Received fax = faxes.get(recvid);
    return fax != null && fax.company.equals(company) && !fax.deleted
        ? Optional.of(fax)
        : Optional.empty();
  }

  synchronized void markHandled(Received fax, boolean handled) {
    fax.handled = handled;
  }

  synchronized void delete(Received fax) {
    fax.deleted = true;
  }

  synchronized FaxageFax fax(long recvid) {
    return require(recvid).snapshot();
  }

  synchronized List<FaxageFax> faxes(String company) {
    return faxes.values().stream()
        .filter(f -> f.company.equals(company))
        .map(Received::snapshot)
        .toList();
  }

  @Override
  public void close() {
    documents.close();
  }

  private Received require(long recvid) {
    Received fax = faxes.get(recvid);
    if (fax == null) {
      throw new IllegalArgumentException("no fax " + recvid);
    }
    return fax;
  }

  private FaxageAccount requireUser(String company, String username) {
    FaxageAccount account = users.get(key(company, username));
    if (account == null) {
      throw new IllegalArgumentException("no user " + username + " in company " + company);
    }
    return account;
  }

  private static String key(String company, String username) {
    return company + "\u0000" + username;
  }
}
