package dev.faxbridge.provider.faxage;

import dev.faxbridge.provider.ProviderException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Faxage's plain-text errors ({@code ERRnn: text}, answered with HTTP 200) as {@link
 * ProviderException}s. Messages name the operation, the fax id and the company, never the answer's
 * text beyond its code: ERR08 echoes the whole POST, password included.
 */
final class FaxageErrors {

  /** The empty inbox: {@code listfax} answers it when nothing matches. Not a failure. */
  static final String NO_FAXES = "ERR11";

  private static final Pattern ERROR = Pattern.compile("^ERR(\\d{1,3})\\s*:");

  private FaxageErrors() {}

  /** The {@code ERRnn} code when {@code body} is an error answer, else null. */
  static String code(String body) {
    Matcher m = ERROR.matcher(body);
    return m.find() ? "ERR" + m.group(1) : null;
  }

  /**
   * The failure an error code stands for. Codes the public sources document: ERR01 (Faxage's
   * database is down: waiting helps), ERR02 (wrong company, username or password, or a disabled
   * account: only the clinic can fix it), ERR08 (unknown operation: our request is wrong). Any
   * other code is reported as unavailable, so the caller's retry schedule bounds it and an operator
   * sees it; see docs/faxage.md.
   */
  static ProviderException failure(String code, String what, String company) {
    return switch (code) {
      case "ERR01" ->
          new ProviderException.Unavailable(
              what + ": Faxage reports its database unavailable (ERR01)");
      case "ERR02" ->
          new ProviderException.AuthorizationRevoked(
              "Faxage refused the login of company "
                  + company
                  + " during "
                  + what
                  + " (ERR02: wrong company, username or password, or the account is disabled)",
              code);
      case "ERR08" ->
          new ProviderException.Misconfigured(
              what
                  + ": Faxage does not know the operation (ERR08); check"
                  + " faxbridge.faxage.endpoint");
      default -> new ProviderException.Unavailable(what + ": Faxage answered " + code);
    };
  }
}
