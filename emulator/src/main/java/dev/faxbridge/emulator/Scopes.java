package dev.faxbridge.emulator;

import java.util.Set;

/**
 * App-scope checks. Per the guide's permission table, {@code EditMessages} and {@code Faxes} each
 * include {@code ReadMessages}. A missing scope is 403 {@code CMN-401}.
 */
final class Scopes {

  private Scopes() {}

  static boolean allows(Set<String> granted, String needed) {
    if (granted.contains(needed)) {
      return true;
    }
    return needed.equals("ReadMessages")
        && (granted.contains("EditMessages") || granted.contains("Faxes"));
  }

  static void require(Caller caller, String needed) {
    if (needed != null && !allows(caller.scopes(), needed)) {
      throw PlatformError.api(
          403,
          "CMN-401",
          "In order to call this API endpoint, application needs to have ["
              + needed
              + "] permission");
    }
  }
}
