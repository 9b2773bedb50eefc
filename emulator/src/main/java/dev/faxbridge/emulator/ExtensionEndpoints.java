package dev.faxbridge.emulator;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The account directory: {@code GET /restapi/v1.0/account/{accountId}} (how a JWT client learns its
 * account id), {@code GET .../extension} (every extension of the caller's account, any user may
 * list them, filtered by {@code type} and {@code status}, in pages) and {@code GET
 * .../extension/{extensionId}}.
 */
final class ExtensionEndpoints {

  private static final Set<String> STATUSES =
      Set.of("Enabled", "Disabled", "Frozen", "NotActivated", "Unassigned");

  private final Directory directory;
  private final Mailboxes mailboxes;

  ExtensionEndpoints(Directory directory, Mailboxes mailboxes) {
    this.directory = directory;
    this.mailboxes = mailboxes;
  }

  List<Route> routes() {
    return List.of(
        new Route(
            "GET",
            "/restapi/v1.0/account/{accountId}",
            RateLimitGroup.LIGHT,
            true,
            "ReadAccounts",
            this::account),
        new Route(
            "GET",
            "/restapi/v1.0/account/{accountId}/extension",
            RateLimitGroup.MEDIUM,
            true,
            "ReadAccounts",
            this::list),
        new Route(
            "GET",
            "/restapi/v1.0/account/{accountId}/extension/{extensionId}",
            RateLimitGroup.LIGHT,
            true,
            "ReadAccounts",
            this::get));
  }

  void list(HttpCall call) {
    String accountId = mailboxes.account(call);
    List<String> types = call.params("type");
    List<String> statuses = MessageEndpoints.values(call, "status", STATUSES);
    String number = call.param("extensionNumber");
    int page = Paging.page(call);
    int perPage = Paging.perPage(call, 100, 1000);
    List<Extension> matching =
        directory.extensions(accountId).stream()
            .filter(e -> types.isEmpty() || types.contains(e.type()))
            .filter(e -> statuses.isEmpty() || statuses.contains(status(e)))
            .filter(e -> number == null || number.equals(e.extensionNumber()))
            .toList();
    call.respond(200, Paging.render(call, matching, page, perPage, e -> render(call, e)));
  }

  void account(HttpCall call) {
    String accountId = mailboxes.account(call);
    ObjectNode json = Json.object();
    json.put("id", Long.parseLong(accountId));
    json.put("uri", call.baseUrl() + "/restapi/v1.0/account/" + accountId);
    json.put("status", "Confirmed");
    json.put("setupWizardState", "Completed");
    call.respond(200, json);
  }

  /** Reading one extension: oneself, or any extension of one's account as an admin. */
  void get(HttpCall call) {
    Mailboxes.Mailbox mailbox = mailboxes.mailbox(call);
    ObjectNode json = render(call, mailbox.extension());
    ObjectNode account = json.putObject("account");
    account.put("id", mailbox.accountId());
    account.put("uri", call.baseUrl() + "/restapi/v1.0/account/" + mailbox.accountId());
    call.respond(200, json);
  }

  private static ObjectNode render(HttpCall call, Extension e) {
    ObjectNode json = Json.object();
    json.put("id", Long.parseLong(e.id()));
    json.put(
        "uri", call.baseUrl() + "/restapi/v1.0/account/" + e.accountId() + "/extension/" + e.id());
    json.put("extensionNumber", e.extensionNumber());
    ObjectNode account = json.putObject("account");
    account.put("id", e.accountId());
    account.put("uri", call.baseUrl() + "/restapi/v1.0/account/" + e.accountId());
    json.put("name", e.name());
    json.put("type", e.type());
    json.put("status", status(e));
    json.putObject("permissions").putObject("admin").put("enabled", e.admin());
    json.put("hidden", false);
    return json;
  }

  private static String status(Extension e) {
    return e.enabled() ? "Enabled" : "Disabled";
  }
}
