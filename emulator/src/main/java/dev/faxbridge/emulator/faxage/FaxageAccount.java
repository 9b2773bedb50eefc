package dev.faxbridge.emulator.faxage;

/**
 * One login of the emulated Faxage: the three credentials every call carries. Faxes belong to the
 * company; every user of a company sees them all. The password never appears in {@link
 * #toString()}.
 */
public record FaxageAccount(String company, String username, String password) {

  public FaxageAccount {
    if (company == null || company.isBlank() || username == null || username.isBlank()) {
      throw new IllegalArgumentException("company and username are required");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("a password is required");
    }
  }

  @Override
  public String toString() {
    return "FaxageAccount[company=" + company + ", username=" + username + "]";
  }
}
