package dev.faxbridge.emulator;

/** A snapshot of an extension (a user, a fax-only user, a department, ...) of an account. */
public record Extension(
    String id,
    String accountId,
    String extensionNumber,
    String name,
    String type,
    boolean admin,
    boolean enabled) {

  Extension withEnabled(boolean enabled) {
    return new Extension(id, accountId, extensionNumber, name, type, admin, enabled);
  }
}
