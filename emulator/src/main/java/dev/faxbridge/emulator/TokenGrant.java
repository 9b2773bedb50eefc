package dev.faxbridge.emulator;

import tools.jackson.databind.node.ObjectNode;

/** The token pair handed out by the token endpoint, rendered as the spec's {@code TokenInfo}. */
record TokenGrant(
    String accessToken,
    long expiresIn,
    String refreshToken,
    long refreshTokenExpiresIn,
    String scope,
    String ownerId,
    String endpointId,
    String sessionId) {

  ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("access_token", accessToken);
    json.put("token_type", "bearer");
    json.put("expires_in", expiresIn);
    if (refreshToken != null) { // only for apps with "Issue refresh tokens" on
      json.put("refresh_token", refreshToken);
      json.put("refresh_token_expires_in", refreshTokenExpiresIn);
    }
    json.put("scope", scope);
    json.put("owner_id", ownerId);
    json.put("endpoint_id", endpointId);
    json.put("session_id", sessionId);
    return json;
  }
}
