package dev.faxbridge.doctor;

/**
 * A setting faxbridge cannot run with: its name, its value as it may be shown (secrets masked),
 * what is wrong and how to fix it. Thrown before anything starts; {@link WrongSettingAnalyzer}
 * turns it into the one block an operator reads.
 */
final class WrongSetting extends RuntimeException {

  private final String setting;
  private final String shownValue;
  private final String problem;
  private final String fix;

  WrongSetting(String setting, String shownValue, String problem, String fix) {
    super(setting + ": " + problem, null, false, false);
    this.setting = setting;
    this.shownValue = shownValue;
    this.problem = problem;
    this.fix = fix;
  }

  String setting() {
    return setting;
  }

  String shownValue() {
    return shownValue;
  }

  String problem() {
    return problem;
  }

  String fix() {
    return fix;
  }

  /** The setting and its value, then what is wrong with it. */
  String description() {
    return setting + " = " + shownValue + "\n" + problem;
  }
}
