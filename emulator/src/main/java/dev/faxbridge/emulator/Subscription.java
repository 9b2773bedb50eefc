package dev.faxbridge.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One WebHook subscription. Mutable under the monitor of {@link Subscriptions}: renewals move the
 * expiration, failed deliveries count towards blacklisting, which is permanent.
 */
final class Subscription {

  final String id;
  final String accountId;
  final String extensionId;
  final String clientId;
  final String address;
  final String verificationToken;
  final Instant creationTime;
  List<String> eventFilters;
  List<EventFilter> filters;
  Duration expiresIn;
  Instant expirationTime;
  String status = "Active";
  String blacklistReason;
  Instant blacklistedAt;
  int consecutiveFailures;

  Subscription(
      String id,
      Caller owner,
      String address,
      String verificationToken,
      Instant creationTime,
      List<String> eventFilters,
      List<EventFilter> filters,
      Duration expiresIn) {
    this.id = id;
    this.accountId = owner.accountId();
    this.extensionId = owner.extensionId();
    this.clientId = owner.clientId();
    this.address = address;
    this.verificationToken = verificationToken;
    this.creationTime = creationTime;
    this.eventFilters = eventFilters;
    this.filters = filters;
    renew(creationTime, expiresIn);
  }

  void renew(Instant now, Duration lifetime) {
    this.expiresIn = lifetime;
    this.expirationTime = now.plus(lifetime);
  }

  boolean expired(Instant now) {
    return !now.isBefore(expirationTime);
  }

  boolean ownedBy(Caller caller) {
    return accountId.equals(caller.accountId())
        && extensionId.equals(caller.extensionId())
        && clientId.equals(caller.clientId());
  }
}
