package dev.faxbridge.console;

/**
 * Why a connection needs re-authorization, in words an operator can act on, from the reason its
 * loss was recorded with (faxbridge's own reason or RingCentral's error code).
 */
final class ReauthorizationReason {

  private ReauthorizationReason() {}

  static String inWords(String reason) {
    if (reason == null || reason.isBlank() || reason.equals("null")) {
      return "RingCentral stopped accepting the clinic's authorization.";
    }
    return switch (reason) {
      case "refresh-token-expired" ->
          "The clinic's sign-in expired: nobody used it for longer than RingCentral keeps it."
              + " The clinic signs in again through a new connect link.";
      case "OAU-210", "expired" ->
          "The clinic's JWT credential expired. The clinic makes a new one and pastes it through"
              + " a connect link.";
      case "OAU-140" ->
          "RingCentral no longer knows the clinic's credential: it was revoked in the developer"
              + " console.";
      case "OAU-251" -> "The clinic's credential is restricted to an app other than faxbridge.";
      case "OAU-213", "OAU-211" ->
          "RingCentral revoked the clinic's authorization (signed out, password changed, or the"
              + " user disabled).";
      default -> "RingCentral refused the clinic's authorization (code " + reason + ").";
    };
  }
}
