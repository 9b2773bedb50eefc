package dev.faxbridge.provider.ringcentral;

/**
 * What the platform's answers say about one thing faxbridge needs from its RingCentral app or a
 * connection.
 *
 * @param check what was checked, in a few words
 * @param passed whether it is as faxbridge needs it
 * @param detail what the platform answered (error codes, never a token)
 * @param fix what to change in the developer console; empty when passed
 */
public record AppCheck(String check, boolean passed, String detail, String fix) {

  static AppCheck passed(String check, String detail) {
    return new AppCheck(check, true, detail, "");
  }

  static AppCheck failed(String check, String detail, String fix) {
    return new AppCheck(check, false, detail, fix);
  }
}
