package dev.faxbridge.emulator;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How an app is registered in the developer console: its redirect URIs (authorization-code flow),
 * the app scopes (permissions) its tokens carry, and the grants it is enabled for. {@link
 * #named(String)} gives the permissive default: every scope the emulator knows, every grant.
 */
public record AppSpec(
    String name, List<String> redirectUris, Set<String> scopes, Set<Grant> grants) {

  /** The auth flows an app can be enabled for; refresh tokens are a separate switch. */
  public enum Grant {
    JWT_BEARER,
    AUTHORIZATION_CODE,
    REFRESH_TOKEN
  }

  /** App scopes the emulator checks (see {@link Scopes}). */
  public static final Set<String> ALL_SCOPES =
      Set.of("EditMessages", "Faxes", "ReadAccounts", "ReadMessages", "SubscriptionWebhook");

  public AppSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an app needs a name");
    }
    redirectUris = List.copyOf(redirectUris);
    scopes = Set.copyOf(scopes);
    grants = grants.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(grants));
    for (String scope : scopes) {
      if (!ALL_SCOPES.contains(scope)) {
        throw new IllegalArgumentException("unknown app scope: " + scope);
      }
    }
  }

  /** Every scope, every grant, no redirect URI. */
  public static AppSpec named(String name) {
    return new AppSpec(name, List.of(), ALL_SCOPES, EnumSet.allOf(Grant.class));
  }

  public AppSpec redirectUris(List<String> uris) {
    return new AppSpec(name, uris, scopes, grants);
  }

  public AppSpec scopes(Set<String> scopes) {
    return new AppSpec(name, redirectUris, scopes, grants);
  }

  public AppSpec grants(Set<Grant> grants) {
    return new AppSpec(name, redirectUris, scopes, grants);
  }

  /** The {@code scope} string of the app's tokens: its scopes, space-separated, sorted. */
  String scopeString() {
    return String.join(" ", scopes.stream().sorted().toList());
  }
}
