package dev.faxbridge.doctor;

/**
 * One line of the doctor's checklist.
 *
 * @param check what was checked, in a few words
 * @param passed whether it holds
 * @param detail what was found (never a secret or a phone number)
 * @param fix what to do when it does not hold; empty when it does
 */
record Finding(String check, boolean passed, String detail, String fix) {

  static Finding passed(String check, String detail) {
    return new Finding(check, true, detail, "");
  }

  static Finding failed(String check, String detail, String fix) {
    return new Finding(check, false, detail, fix);
  }

  static Finding failed(String check, WrongSetting wrong) {
    return failed(check, wrong.description(), wrong.fix());
  }
}
