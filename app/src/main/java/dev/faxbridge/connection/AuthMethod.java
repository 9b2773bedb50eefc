package dev.faxbridge.connection;

/** How the clinic authorized faxbridge's app. */
public enum AuthMethod {
  /** A JWT credential the clinic admin created for our client id; exchanged for tokens. */
  JWT,
  /** The authorization-code flow with PKCE, through a connect link. */
  AUTHORIZATION_CODE,
  /** A login (Faxage: company, username and password), sealed as the connection's credential. */
  PASSWORD
}
