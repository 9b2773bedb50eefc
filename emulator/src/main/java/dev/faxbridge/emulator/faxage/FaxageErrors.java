package dev.faxbridge.emulator.faxage;

/**
 * The plain-text errors Faxage answers with HTTP 200. ERR01, ERR02, ERR08 and ERR11 and their texts
 * are from public client code (API-NOTES §1.1); {@link #NO_SUCH_FAX} is the emulator's own choice,
 * since no public source shows what {@code getfax}, {@code handled} or {@code delfax} answer for an
 * unknown id.
 */
final class FaxageErrors {

  static final String DATABASE = "ERR01: Database connection failed";
  static final String LOGIN = "ERR02: Login incorrect";
  static final String UNKNOWN_OPERATION = "ERR08: Unknown operation";
  static final String NO_FAXES = "ERR11: No incoming faxes available";
  static final String NO_SUCH_FAX = "ERR12: Invalid or missing faxid";

  private FaxageErrors() {}

  /** The {@code ERRnn} code of an error text. */
  static String code(String error) {
    return error.substring(0, error.indexOf(':'));
  }
}
