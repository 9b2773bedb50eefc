package dev.faxbridge.connection.web;

import dev.faxbridge.connection.AuthorizationRefused;

/**
 * What a clinic admin reads when a pasted JWT credential is refused: the same outcomes the operator
 * API reports (by the refusal's reason), worded for the person who made the credential, with what
 * to do next.
 */
public record CredentialAdvice(String title, String message, String next) {

  public static CredentialAdvice forReason(AuthorizationRefused refused, String clientId) {
    String newCredential =
        "Create a new JWT credential following the steps below: choose \"Only specific apps of my"
            + " choice\" and enter faxbridge's client id "
            + clientId
            + ", then paste the new credential here.";
    return switch (refused.reason()) {
      case "not-a-jwt" ->
          new CredentialAdvice(
              "That is not a JWT credential",
              "What was pasted does not look like a JWT credential. A credential is one long line"
                  + " of letters and digits with two dots in it.",
              "In the developer console, open Credentials, copy the whole credential with its"
                  + " copy button, and paste it here again.");
      case "OAU-251" ->
          new CredentialAdvice(
              "This credential was made for another app",
              "The credential is restricted to an app that is not faxbridge, so RingCentral"
                  + " will not let faxbridge use it.",
              newCredential);
      case "OAU-140" ->
          new CredentialAdvice(
              "RingCentral does not know this credential",
              "The credential was revoked in the developer console, or it was made for"
                  + " RingCentral's sandbox (a test system) rather than your clinic's real"
                  + " account.",
              newCredential);
      case "wrong-environment" ->
          new CredentialAdvice(
              "This credential was made for a different RingCentral system",
              "The credential belongs to RingCentral's sandbox (a test system), but faxbridge"
                  + " works with your clinic's real (production) account; the two are not"
                  + " interchangeable.",
              "Sign in to the developer console with your clinic's real account and create the"
                  + " credential there. "
                  + newCredential);
      case "expired", "OAU-210" ->
          new CredentialAdvice(
              "This credential has expired",
              "RingCentral no longer accepts the credential because its expiry date has passed.",
              "Create a new credential, and choose no expiry date so faxes keep arriving. "
                  + newCredential);
      case "not-admin" ->
          new CredentialAdvice(
              "The person who made this credential is not an administrator",
              "With a credential of a regular user, faxbridge could read only that person's own"
                  + " faxes, not the clinic's.",
              "Ask a super admin of your clinic's RingCentral account, ideally a dedicated service"
                  + " user, to create the credential.");
      case "OAU-141", "OAU-142" ->
          new CredentialAdvice(
              "The person who made this credential is disabled",
              "RingCentral refuses credentials of users who are disabled, or of accounts that are"
                  + " not active.",
              "Ask an active super admin, ideally a dedicated service user, to create the"
                  + " credential.");
      case "other-account" ->
          new CredentialAdvice(
              "This credential belongs to a different RingCentral account",
              "This link is for repairing your clinic's existing connection, but the credential"
                  + " was made in another RingCentral account.",
              "Create the credential while signed in to your clinic's own account.");
      case "mailboxes-unreadable" ->
          new CredentialAdvice(
              "faxbridge could not read any fax mailbox with this credential",
              "The user who made it lacks the permission to read the messages of all users.",
              "Ask a super admin to create the credential.");
      default ->
          new CredentialAdvice(
              "RingCentral does not accept this credential",
              "RingCentral refused the credential (" + refused.reason() + ").",
              newCredential);
    };
  }
}
