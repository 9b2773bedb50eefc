package dev.faxbridge.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an emulator with a state directory writes to its {@link StateJournal}, and how it is read
 * back. Entries carry the ids that were assigned (accounts, extensions, messages, attachments), so
 * a replay restores exactly the same ids whatever order concurrent callers ran in: a client that
 * already fetched a fax sees the same message id after a restart. Changes made through the REST API
 * (a client marking a fax read or deleting it) are recorded too, through {@link
 * MessageStore.Observer}. Not kept: OAuth sessions, subscriptions, rate-limit state, faults and
 * other settings; after a restart clients log in again.
 */
class PersistedState implements MessageStore.Observer {

  /** The state of an emulator without a state directory: nothing is written. */
  static final PersistedState NONE = new PersistedState(null);

  private final StateJournal journal;

  PersistedState(StateJournal journal) {
    this.journal = journal;
  }

  void app(ClientApp app, AppSpec spec) {
    record(
        "app",
        e -> {
          e.put("name", app.name());
          e.put("clientId", app.clientId());
          e.put("clientSecret", app.clientSecret());
          spec.redirectUris().forEach(e.putArray("redirectUris")::add);
          spec.scopes().stream().sorted().forEach(e.putArray("scopes")::add);
          ArrayNode grants = e.putArray("grants");
          spec.grants().stream().sorted().forEach(g -> grants.add(g.name()));
        });
  }

  void account(Account account) {
    record(
        "account",
        e -> {
          e.put("id", account.id());
          e.put("name", account.name());
          e.put("ownerExtensionId", account.ownerExtensionId());
        });
  }

  void extension(Extension extension) {
    record(
        "extension",
        e -> {
          e.put("id", extension.id());
          e.put("accountId", extension.accountId());
          e.put("type", extension.type());
          e.put("name", extension.name());
          e.put("extensionNumber", extension.extensionNumber());
          e.put("admin", extension.admin());
          e.put("enabled", extension.enabled());
        });
  }

  void jwt(String jwt, String accountId, String extensionId, String clientId, Instant expiresAt) {
    record(
        "jwt",
        e -> {
          e.put("jwt", jwt);
          e.put("accountId", accountId);
          e.put("extensionId", extensionId);
          e.put("clientId", clientId);
          e.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        });
  }

  void revoke(String jwt) {
    record("revoke", e -> e.put("jwt", jwt));
  }

  void enabled(String accountId, String extensionId, boolean enabled) {
    record(
        enabled ? "enable" : "disable",
        e -> {
          e.put("accountId", accountId);
          e.put("extensionId", extensionId);
        });
  }

  void password(String extensionId, String password) {
    record(
        "password",
        e -> {
          e.put("extensionId", extensionId);
          e.put("password", password);
        });
  }

  @Override
  public void delivered(StoredFax fax, InboundFaxSpec spec) {
    record(
        "fax",
        e -> {
          message(e, fax);
          e.put("attachmentId", fax.attachments().get(0).id());
          e.put("attachments", spec.attachments());
          e.put("from", spec.from());
          e.put("to", spec.to());
          e.put("pageCount", spec.pageCount());
          e.put("receivedAt", fax.creationTime().toString());
          e.put("contentType", spec.contentType());
          e.put("minimumSize", spec.minimumSize());
          e.put("senderName", spec.senderName());
        });
  }

  @Override
  public void readStatusChanged(StoredFax fax) {
    record(
        "read",
        e -> {
          message(e, fax);
          e.put("readStatus", fax.readStatus());
        });
  }

  @Override
  public void deleted(StoredFax fax, boolean purge) {
    record(
        "delete",
        e -> {
          message(e, fax);
          e.put("purge", purge);
        });
  }

  /** Rebuilds the state in these components from the journal, in recorded order. */
  void replay(Directory directory, JwtCredentials credentials, MessageStore store) {
    if (journal == null) {
      return;
    }
    journal.replay(entry -> apply(entry, directory, credentials, store));
  }

  private static void apply(
      JsonNode e, Directory directory, JwtCredentials credentials, MessageStore store) {
    String op = e.path("op").asString();
    switch (op) {
      case "app" -> {
        List<String> uris = new ArrayList<>();
        e.path("redirectUris").forEach(uri -> uris.add(uri.asString()));
        AppSpec spec = AppSpec.named(text(e, "name")).redirectUris(uris);
        if (e.has("scopes")) { // journals before scopes were recorded: the permissive default
          Set<String> scopes = new HashSet<>();
          e.path("scopes").forEach(scope -> scopes.add(scope.asString()));
          Set<AppSpec.Grant> grants = EnumSet.noneOf(AppSpec.Grant.class);
          e.path("grants").forEach(grant -> grants.add(AppSpec.Grant.valueOf(grant.asString())));
          spec = spec.scopes(scopes).grants(grants);
        }
        directory.restoreApp(
            new ClientApp(text(e, "clientId"), text(e, "clientSecret"), text(e, "name")), spec);
      }
      case "account" -> {
        if (text(e, "id") == null) { // journals written before ids were recorded
          directory.createAccount(text(e, "name"));
        } else {
          directory.restoreAccount(
              new Account(text(e, "id"), text(e, "name"), text(e, "ownerExtensionId")));
        }
      }
      case "extension" -> {
        if (text(e, "id") == null) {
          directory.createExtension(
              text(e, "accountId"),
              new ExtensionSpec(
                  text(e, "type"),
                  text(e, "name"),
                  text(e, "extensionNumber"),
                  e.path("admin").asBoolean(),
                  e.path("enabled").asBoolean()));
          return;
        }
        directory.restoreExtension(
            new Extension(
                text(e, "id"),
                text(e, "accountId"),
                text(e, "extensionNumber"),
                text(e, "name"),
                text(e, "type"),
                e.path("admin").asBoolean(),
                e.path("enabled").asBoolean()));
      }
      case "jwt" ->
          credentials.adopt(
              text(e, "jwt"),
              text(e, "accountId"),
              text(e, "extensionId"),
              text(e, "clientId"),
              e.path("expiresAt").isNull() ? null : Instant.parse(text(e, "expiresAt")));
      case "revoke" -> credentials.revoke(text(e, "jwt"));
      case "enable", "disable" ->
          directory.setEnabled(text(e, "accountId"), text(e, "extensionId"), op.equals("enable"));
      case "password" -> directory.password(text(e, "extensionId"), text(e, "password"));
      case "fax" -> {
        Extension mailbox =
            directory
                .extension(text(e, "accountId"), text(e, "extensionId"))
                .orElseThrow(() -> new IllegalStateException("journal names an unknown mailbox"));
        InboundFaxSpec spec =
            new InboundFaxSpec(
                text(e, "from"),
                text(e, "to"),
                e.path("pageCount").asInt(),
                Instant.parse(text(e, "receivedAt")),
                text(e, "contentType"),
                e.path("minimumSize").asLong(),
                text(e, "senderName"),
                e.path("attachments").asInt(1));
        if (e.has("messageId")) {
          store.restore(
              mailbox, spec, e.path("messageId").asLong(), e.path("attachmentId").asLong());
        } else {
          store.deliver(mailbox, spec);
        }
      }
      case "read" ->
          store.markRead(
              text(e, "accountId"),
              text(e, "extensionId"),
              e.path("messageId").asLong(),
              e.has("readStatus") ? text(e, "readStatus") : "Read");
      case "delete" ->
          store.delete(
              text(e, "accountId"),
              text(e, "extensionId"),
              e.path("messageId").asLong(),
              e.path("purge").asBoolean());
      default -> throw new IllegalStateException("unknown operation in the state journal: " + op);
    }
  }

  private static void message(ObjectNode e, StoredFax fax) {
    e.put("accountId", fax.accountId());
    e.put("extensionId", fax.extensionId());
    e.put("messageId", fax.id());
  }

  private static String text(JsonNode e, String field) {
    JsonNode node = e.path(field);
    return node.isMissingNode() || node.isNull() ? null : node.asString();
  }

  private void record(String op, Consumer<ObjectNode> fields) {
    if (journal != null) {
      journal.record(op, fields);
    }
  }
}
