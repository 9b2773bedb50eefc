package dev.faxbridge.emulator;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Registered apps, accounts and their extensions. Thread-safe (one monitor). */
final class Directory {

  static final String DEFAULT_PASSWORD = "password";

  private final SecureRandom random = new SecureRandom();
  private final AtomicLong appIds = new AtomicLong(1);
  private final AtomicLong accountIds = new AtomicLong(37_439_510);
  private final AtomicLong extensionIds = new AtomicLong(62_264_425_010L);
  private final Map<String, AppRegistration> apps = new LinkedHashMap<>();
  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<String, Extension> extensions = new LinkedHashMap<>();
  private final Map<String, String> passwords = new LinkedHashMap<>();

  synchronized AppRegistration createApp(AppSpec spec) {
    String clientId = "EMU" + appIds.getAndIncrement() + token(12);
    ClientApp app = new ClientApp(clientId, token(24), spec.name());
    AppRegistration registration = new AppRegistration(app, spec);
    apps.put(clientId, registration);
    return registration;
  }

  /** Replaces how an app is registered (its redirect URIs, say), keeping its credentials. */
  synchronized AppRegistration redefineApp(String clientId, AppSpec spec) {
    AppRegistration current = apps.get(clientId);
    if (current == null) {
      throw new IllegalArgumentException("No app " + clientId);
    }
    AppRegistration registration = new AppRegistration(current.app(), spec);
    apps.put(clientId, registration);
    return registration;
  }

  /** Registers an app with the credentials it had before a restart. */
  synchronized AppRegistration restoreApp(ClientApp app, AppSpec spec) {
    AppRegistration registration = new AppRegistration(app, spec);
    apps.put(app.clientId(), registration);
    appIds.incrementAndGet();
    return registration;
  }

  /** Puts back an account and its owner extension recorded before a restart, with their ids. */
  synchronized void restoreAccount(Account account) {
    accountIds.accumulateAndGet(Long.parseLong(account.id()) + 1, Math::max);
    accounts.put(account.id(), account);
    restoreExtension(
        new Extension(account.ownerExtensionId(), account.id(), "101", "Main", "User", true, true));
  }

  /** Puts back an extension recorded before a restart, with its id. */
  synchronized void restoreExtension(Extension extension) {
    extensionIds.accumulateAndGet(Long.parseLong(extension.id()) + 1_000, Math::max);
    extensions.put(extension.id(), extension);
  }

  synchronized List<ClientApp> apps() {
    return apps.values().stream().map(AppRegistration::app).toList();
  }

  synchronized Optional<AppRegistration> app(String clientId) {
    return Optional.ofNullable(clientId).map(apps::get);
  }

  synchronized Account createAccount(String name) {
    String accountId = Long.toString(accountIds.getAndIncrement());
    Extension owner = newExtension(accountId, ExtensionSpec.admin("Main", "101"));
    Account account = new Account(accountId, name, owner.id());
    accounts.put(accountId, account);
    return account;
  }

  synchronized Extension createExtension(String accountId, ExtensionSpec spec) {
    account(accountId).orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
    boolean taken =
        extensions.values().stream()
            .anyMatch(
                e ->
                    e.accountId().equals(accountId)
                        && e.extensionNumber().equals(spec.extensionNumber()));
    if (taken) {
      throw new IllegalArgumentException(
          "extension number " + spec.extensionNumber() + " already exists in " + accountId);
    }
    return newExtension(accountId, spec);
  }

  synchronized Optional<Account> account(String accountId) {
    return Optional.ofNullable(accountId).map(accounts::get);
  }

  synchronized List<Account> accounts() {
    return List.copyOf(accounts.values());
  }

  synchronized Optional<Extension> extension(String accountId, String extensionId) {
    Extension extension = extensions.get(extensionId);
    return extension != null && extension.accountId().equals(accountId)
        ? Optional.of(extension)
        : Optional.empty();
  }

  /** All extensions of an account in ascending id order (the platform's default order). */
  synchronized List<Extension> extensions(String accountId) {
    List<Extension> result = new ArrayList<>();
    for (Extension e : extensions.values()) {
      if (e.accountId().equals(accountId)) {
        result.add(e);
      }
    }
    result.sort(Comparator.comparingLong(e -> Long.parseLong(e.id())));
    return result;
  }

  synchronized Extension setEnabled(String accountId, String extensionId, boolean enabled) {
    Extension current =
        extension(accountId, extensionId)
            .orElseThrow(() -> new IllegalArgumentException("no extension " + extensionId));
    Extension changed = current.withEnabled(enabled);
    extensions.put(extensionId, changed);
    return changed;
  }

  /** Sets the password the login page checks; every user starts with {@link #DEFAULT_PASSWORD}. */
  synchronized void password(String extensionId, String password) {
    passwords.put(extensionId, password);
  }

  /** The user that logs in with account id, extension number and password, if any. */
  synchronized Optional<Extension> login(
      String accountId, String extensionNumber, String password) {
    return extensions(accountId).stream()
        .filter(e -> e.extensionNumber().equals(extensionNumber))
        .filter(e -> passwords.getOrDefault(e.id(), DEFAULT_PASSWORD).equals(password))
        .findFirst();
  }

  private Extension newExtension(String accountId, ExtensionSpec spec) {
    String id = Long.toString(extensionIds.getAndAdd(1_000));
    Extension extension =
        new Extension(
            id,
            accountId,
            spec.extensionNumber(),
            spec.name(),
            spec.type(),
            spec.admin(),
            spec.enabled());
    extensions.put(id, extension);
    return extension;
  }

  private String token(int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** An app with its registered redirect URIs (for the authorization-code flow). */
  record AppRegistration(ClientApp app, AppSpec spec) {
    List<String> redirectUris() {
      return spec.redirectUris();
    }

    boolean allows(AppSpec.Grant grant) {
      return spec.grants().contains(grant);
    }
  }
}
