package dev.faxbridge.provider.ringcentral;

import dev.faxbridge.provider.ProviderException;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A token answer from {@code /restapi/oauth/token}. {@link #toString()} hides the tokens. */
record TokenGrant(
    String accessToken,
    Duration accessLifetime,
    String refreshToken,
    Duration refreshLifetime,
    String ownerId) {

  static TokenGrant parse(JsonNode node) {
    JsonNode access = node.get("access_token");
    JsonNode expiresIn = node.get("expires_in");
    if (access == null
        || !access.isString()
        || expiresIn == null
        || !expiresIn.canConvertToLong()) {
      throw new ProviderException.Unavailable(
          "RingCentral's token answer lacks access_token or expires_in");
    }
    JsonNode refresh = node.get("refresh_token");
    JsonNode refreshExpiresIn = node.get("refresh_token_expires_in");
    JsonNode owner = node.get("owner_id");
    return new TokenGrant(
        access.asString(),
        Duration.ofSeconds(expiresIn.asLong()),
        refresh == null || refresh.isNull() ? null : refresh.asString(),
        refreshExpiresIn == null || !refreshExpiresIn.canConvertToLong()
            ? null
            : Duration.ofSeconds(refreshExpiresIn.asLong()),
        owner == null || owner.isNull() ? null : owner.asString());
  }

  dev.faxbridge.connection.TokenSet toTokenSet(Instant issuedAt) {
    return new dev.faxbridge.connection.TokenSet(
        accessToken,
        refreshToken,
        issuedAt,
        issuedAt.plus(accessLifetime),
        refreshToken == null || refreshLifetime == null ? null : issuedAt.plus(refreshLifetime));
  }

  @Override
  public String toString() {
    return "TokenGrant[accessLifetime=" + accessLifetime + ", ownerId=" + ownerId + "]";
  }
}
