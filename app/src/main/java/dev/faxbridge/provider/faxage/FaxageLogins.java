package dev.faxbridge.provider.faxage;

import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.provider.ProviderException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Faxage connection's login, sealed as its credential: one JSON object with {@code company},
 * {@code username} and {@code password}, opened only for the call that needs it.
 */
class FaxageLogins {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Connections connections;

  FaxageLogins(Connections connections) {
    this.connections = connections;
  }

  /** The credential text to seal for a login. */
  static String seal(FaxageCredentials login) {
    var node = JSON.createObjectNode();
    node.put("company", login.company());
    node.put("username", login.username());
    node.put("password", login.password());
    return JSON.writeValueAsString(node);
  }

  /**
   * The connection's login; {@link ProviderException.AuthorizationRevoked} when it has none (it was
   * retired or removed).
   */
  FaxageCredentials of(ProviderConnection connection) {
    String sealed =
        connections
            .credential(connection.id())
            .orElseThrow(
                () ->
                    new ProviderException.AuthorizationRevoked(
                        "Faxage connection " + connection.id() + " has no stored login",
                        "no-login"));
    try {
      JsonNode node = JSON.readTree(sealed);
      return new FaxageCredentials(
          node.path("company").asString(null),
          node.path("username").asString(null),
          node.path("password").asString(null));
    } catch (JacksonException | IllegalArgumentException unreadable) {
      throw new ProviderException.AuthorizationRevoked(
          "Faxage connection " + connection.id() + " has an unreadable stored login", "bad-login");
    }
  }
}
