package dev.faxbridge.emulator;

import com.ringcentral.RestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A started emulator with one app and one clinic account whose owner (an admin) holds a JWT for the
 * app; the official SDK logs in with it. Time is frozen at {@link #START} until advanced.
 */
final class Clinic implements AutoCloseable {

  static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

  final RingCentralEmulator emu;
  final ClientApp app;
  final Account account;
  final String ownerJwt;

  Clinic() {
    emu = RingCentralEmulator.builder().clock(Clock.fixed(START, ZoneOffset.UTC)).start();
    app = emu.createApp("faxbridge");
    account = emu.createAccount("Clinic A");
    ownerJwt = emu.issueJwtCredential(account.id(), account.ownerExtensionId(), app.clientId());
  }

  String owner() {
    return account.ownerExtensionId();
  }

  /** The control API's path of the owner's extension followed by {@code rest}, e.g. "/faxes". */
  String ownerControlPath(String rest) {
    return "/control/accounts/" + account.id() + "/extensions/" + owner() + rest;
  }

  /** The control API's address of the owner's extension followed by {@code rest}. */
  URI ownerControl(String rest) {
    return URI.create(emu.platformUrl() + ownerControlPath(rest));
  }

  RestClient sdk() {
    return new RestClient(app.clientId(), app.clientSecret(), emu.platformUrl().toString());
  }

  /** An SDK client logged in with the JWT. */
  RestClient login(String jwt) {
    RestClient rc = sdk();
    try {
      rc.authorize(jwt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (com.ringcentral.RestException e) {
      throw new AssertionError("login failed: " + e.getMessage(), e);
    }
    return rc;
  }

  RestClient loginAsOwner() {
    return login(ownerJwt);
  }

  FaxMessage fax(String extensionId, int pages) {
    return emu.deliverFax(
        account.id(), extensionId, InboundFaxSpec.of("+15551230001", "+15559870001", pages));
  }

  /** A fax of this description to the owner's mailbox. */
  FaxMessage faxToOwner(InboundFaxSpec spec) {
    return emu.deliverFax(account.id(), owner(), spec);
  }

  @Override
  public void close() {
    emu.close();
  }
}
