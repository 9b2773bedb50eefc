package dev.faxbridge.emulator;

import java.util.Set;

/**
 * What to create as an extension. {@code type} is one of the platform's extension types ({@code
 * User}, {@code FaxUser}, {@code Department}, {@code VirtualUser}, {@code DigitalUser}, {@code
 * Announcement}, {@code Voicemail}, {@code SharedLinesGroup}, {@code IvrMenu}, ...).
 */
public record ExtensionSpec(
    String type, String name, String extensionNumber, boolean admin, boolean enabled) {

  private static final Set<String> TYPES =
      Set.of(
          "User",
          "FaxUser",
          "Department",
          "VirtualUser",
          "DigitalUser",
          "Announcement",
          "Voicemail",
          "SharedLinesGroup",
          "PagingOnly",
          "IvrMenu",
          "ApplicationExtension",
          "ParkLocation",
          "Limited",
          "Bot",
          "Site",
          "Room",
          "ProxyAdmin",
          "DelegatedLinesGroup",
          "GroupCallPickup",
          "FlexibleUser");

  public ExtensionSpec {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("unknown extension type: " + type);
    }
    if (extensionNumber == null || !extensionNumber.matches("\\d{1,8}")) {
      throw new IllegalArgumentException("extension number must be 1-8 digits: " + extensionNumber);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("extension name must not be blank");
    }
  }

  /** An enabled, non-admin user. */
  public static ExtensionSpec user(String name, String extensionNumber) {
    return new ExtensionSpec("User", name, extensionNumber, false, true);
  }

  /** An enabled user with the admin role. */
  public static ExtensionSpec admin(String name, String extensionNumber) {
    return new ExtensionSpec("User", name, extensionNumber, true, true);
  }

  /** An enabled extension that can only receive and send faxes. */
  public static ExtensionSpec faxUser(String name, String extensionNumber) {
    return new ExtensionSpec("FaxUser", name, extensionNumber, false, true);
  }

  public static ExtensionSpec department(String name, String extensionNumber) {
    return new ExtensionSpec("Department", name, extensionNumber, false, true);
  }

  public ExtensionSpec disabled() {
    return new ExtensionSpec(type, name, extensionNumber, admin, false);
  }
}
