package dev.faxbridge.provider.faxage;

/**
 * The three credentials every Faxage call carries. The password never appears in {@link
 * #toString()}, and nothing here is ever logged.
 */
record FaxageCredentials(String company, String username, String password) {

  FaxageCredentials {
    if (company == null || company.isBlank()) {
      throw new IllegalArgumentException("a Faxage company is required");
    }
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("a Faxage username is required");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("a Faxage password is required");
    }
  }

  /** Who is calling, for pacing and messages: the company and user, never the password. */
  String login() {
    return company + "/" + username;
  }

  @Override
  public String toString() {
    return "FaxageCredentials[company=" + company + ", username=" + username + "]";
  }
}
