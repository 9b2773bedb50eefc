package dev.faxbridge.emulator;

/**
 * Resolves {@code accountId} and {@code extensionId} path variables ({@code ~} = the caller's own)
 * and enforces who may touch which mailbox: a user reaches its own extension; an admin reaches
 * every extension of its account; nobody reaches another account.
 *
 * <p>Choice documented in README: another extension's mailbox with a non-admin token answers 403
 * {@code CMN-419} (the "extended scope" error); an unknown extension of one's own account answers
 * 404 {@code CMN-102}; another account answers 404 {@code CMN-102} for {@code accountId}.
 */
final class Mailboxes {

  private final Directory directory;

  Mailboxes(Directory directory) {
    this.directory = directory;
  }

  /** The account and extension a mailbox path designates. */
  record Mailbox(String accountId, Extension extension) {
    String extensionId() {
      return extension.id();
    }
  }

  String account(HttpCall call) {
    String requested = call.pathVariable("accountId");
    Caller caller = call.caller();
    String accountId = "~".equals(requested) ? caller.accountId() : requested;
    if (!caller.accountId().equals(accountId)) {
      throw PlatformError.notFound("accountId");
    }
    return accountId;
  }

  Mailbox mailbox(HttpCall call) {
    String accountId = account(call);
    Caller caller = call.caller();
    String requested = call.pathVariable("extensionId");
    String extensionId = "~".equals(requested) ? caller.extensionId() : requested;
    if (!extensionId.equals(caller.extensionId()) && !caller.admin()) {
      throw PlatformError.api(
          403,
          "CMN-419",
          "In order to call this API endpoint for another extension, one of the following"
              + " permissions [ReadMessages] have to be granted with extended scope to the"
              + " authorized user.");
    }
    Extension extension =
        directory
            .extension(accountId, extensionId)
            .orElseThrow(() -> PlatformError.notFound("extensionId"));
    return new Mailbox(accountId, extension);
  }
}
