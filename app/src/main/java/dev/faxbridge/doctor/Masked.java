package dev.faxbridge.doctor;

/** How secrets and URLs that may carry them are shown in messages: never the secret itself. */
final class Masked {

  private Masked() {}

  static String secret(String value) {
    if (value == null || value.isBlank()) {
      return "(not set)";
    }
    return "(set, " + value.length() + " characters, hidden)";
  }

  /** A JDBC or HTTP URL with any password (user info or {@code password=} parameter) hidden. */
  static String url(String url) {
    if (url == null || url.isBlank()) {
      return "(not set)";
    }
    return url.replaceAll("(?i)(password=)[^&;]*", "$1****")
        .replaceAll("//([^/@:]+):[^/@]*@", "//$1:****@");
  }
}
