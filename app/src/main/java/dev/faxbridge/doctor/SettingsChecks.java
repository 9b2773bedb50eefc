package dev.faxbridge.doctor;

import dev.faxbridge.connection.ConnectSettings;
import dev.faxbridge.delivery.folder.FolderSettings;
import dev.faxbridge.delivery.webhook.DocumentLinkSettings;
import dev.faxbridge.platform.DatabaseSettings;
import dev.faxbridge.platform.EmbeddedDatabase;
import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.platform.SecretSettings;
import dev.faxbridge.provider.ringcentral.RingCentralSettings;
import dev.faxbridge.sync.PushSettings;
import dev.faxbridge.sync.SyncSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.core.env.Environment;

/**
 * Checks of the settings that need nothing running: every settings record binds, the keyset opens,
 * the database answers with the configured credentials, the staging and drop folders are usable and
 * closed to other users, the public URLs are well formed, the RingCentral app is configured whole.
 * Each check throws a {@link WrongSetting} or answers what it found.
 */
final class SettingsChecks {

  private static final Pattern SETTING_IN_MESSAGE = Pattern.compile("^([a-z0-9][a-z0-9.-]+) ");

  private final Environment environment;
  private final Binder binder;
  private final Map<String, Supplier<String>> checks = new LinkedHashMap<>();

  SettingsChecks(Environment environment, Binder binder) {
    this.environment = environment;
    this.binder = binder;
    checks.put("settings are valid", this::everySettingBinds);
    checks.put("secrets keyset opens", this::keysetOpens);
    checks.put("database answers", this::databaseAnswers);
    checks.put("staging directory usable", this::stagingDirectoryUsable);
    checks.put("drop folder root usable", this::dropFolderUsable);
    checks.put("public URLs well formed", this::publicUrlsWellFormed);
    checks.put("RingCentral app configured", this::ringCentralAppComplete);
  }

  /** Runs every check in order; the first wrong setting is thrown. */
  void requireAll() {
    checks.values().forEach(Supplier::get);
  }

  /** Runs every check and reports each; the checks after a wrong setting still run. */
  List<Finding> findings() {
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, Supplier<String>> check : checks.entrySet()) {
      try {
        findings.add(Finding.passed(check.getKey(), check.getValue().get()));
      } catch (WrongSetting wrong) {
        findings.add(Finding.failed(check.getKey(), wrong));
        if (check.getKey().equals("settings are valid")) {
          break; // the other checks bind the same records and would fail alike
        }
      }
    }
    return findings;
  }

  private String everySettingBinds() {
    List<SettingsClasses.Settings> all = SettingsClasses.all();
    for (SettingsClasses.Settings settings : all) {
      try {
        binder.bindOrCreate(settings.prefix(), settings.type());
      } catch (BindException e) {
        throw wrongBinding(settings.prefix(), e);
      }
    }
    return all.size() + " groups of settings";
  }

  private WrongSetting wrongBinding(String prefix, BindException e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    ConfigurationProperty property = e.getProperty();
    String setting = prefix;
    String value = null;
    if (property != null) {
      setting = property.getName().toString();
      value = String.valueOf(property.getValue());
    } else {
      Matcher named = SETTING_IN_MESSAGE.matcher(String.valueOf(root.getMessage()));
      if (named.find()) {
        setting = named.group(1);
      }
      value = environment.getProperty(setting);
    }
    String shown = isSecret(setting) ? Masked.secret(value) : value == null ? "(default)" : value;
    return new WrongSetting(setting, shown, String.valueOf(root.getMessage()), howToSet(setting));
  }

  private String keysetOpens() {
    SecretSettings settings = bind("faxbridge.secrets", SecretSettings.class);
    if (settings.keyset() != null && !settings.keyset().isBlank()) {
      open(settings.keyset(), "faxbridge.secrets.keyset", Masked.secret(settings.keyset()));
      return "from faxbridge.secrets.keyset";
    }
    Path file = settings.keysetFile().toAbsolutePath().normalize();
    String name = "faxbridge.secrets.keyset-file";
    if (!Files.exists(file)) {
      if (settings.generateIfMissing()) {
        return "a new one will be generated in " + file;
      }
      throw new WrongSetting(
          name,
          file.toString(),
          "The file does not exist, and faxbridge.secrets.keyset is not set.",
          "Create a keyset with 'java -jar faxbridge.jar keyset generate > "
              + file
              + "', chmod 600 it, keep a copy apart from the database backups, or give"
              + " FAXBRIDGE_SECRETS_KEYSET.");
    }
    if (!Files.isReadable(file)) {
      throw new WrongSetting(
          name,
          file.toString(),
          "The file cannot be read by user " + System.getProperty("user.name") + ".",
          "chown it to the user faxbridge runs as and chmod 600 it.");
    }
    Set<PosixFilePermission> open = othersPermissions(file);
    if (!open.isEmpty()) {
      throw new WrongSetting(
          name,
          file.toString(),
          "Other users can read the key that decrypts every stored credential ("
              + PosixFilePermissions.toString(permissions(file))
              + ").",
          "chmod 600 " + file);
    }
    try {
      open(Files.readString(file), name, file.toString());
    } catch (IOException e) {
      throw new WrongSetting(name, file.toString(), "Reading it failed: " + e, "Check the file.");
    }
    return "from " + file;
  }

  private static void open(String keyset, String setting, String shown) {
    try {
      SecretBox box = SecretBox.fromKeyset(keyset);
      box.open(box.seal("check", "check"), "check");
    } catch (RuntimeException e) {
      throw new WrongSetting(
          setting,
          shown,
          "This is not a usable Tink JSON keyset.",
          "Give the JSON printed by 'java -jar faxbridge.jar keyset generate' (the same keyset"
              + " that sealed the stored credentials, or they cannot be read).");
    }
  }

  private String databaseAnswers() {
    String url = environment.getProperty("spring.datasource.url", "");
    if (url.isBlank()) {
      DatabaseSettings embedded = bind("faxbridge.database.embedded", DatabaseSettings.class);
      Path directory =
          usableDirectory(
              "faxbridge.database.embedded.data-directory", embedded.dataDirectory(), false);
      return "embedded PostgreSQL, data in " + directory;
    }
    String shownUrl = Masked.url(url);
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new WrongSetting(
          "spring.datasource.url",
          shownUrl,
          "This is not a PostgreSQL JDBC URL.",
          "Use jdbc:postgresql://<host>:5432/<database>, or leave it empty to run the embedded"
              + " PostgreSQL (one node only).");
    }
    String username = environment.getProperty("spring.datasource.username", "");
    Properties properties = new Properties();
    properties.setProperty("user", username);
    properties.setProperty("password", environment.getProperty("spring.datasource.password", ""));
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("loginTimeout", "15");
    try (Connection connection = new org.postgresql.Driver().connect(url, properties)) {
      if (connection == null) {
        throw new SQLException("the PostgreSQL driver does not accept this URL");
      }
      if (isAnotherNodesEmbeddedServer(connection)) {
        throw new WrongSetting(
            "spring.datasource.url",
            shownUrl,
            "This is another faxbridge's embedded PostgreSQL: it belongs to the node that started"
                + " it and stops with that node.",
            "Several nodes need an external PostgreSQL server that they all reach; point"
                + " spring.datasource.url at it, or leave it empty to run this node's own embedded"
                + " PostgreSQL (one node only).");
      }
      return "PostgreSQL "
          + connection.getMetaData().getDatabaseProductVersion()
          + " at "
          + shownUrl;
    } catch (SQLException e) {
      String state = String.valueOf(e.getSQLState());
      if (state.startsWith("28")) {
        throw new WrongSetting(
            "spring.datasource.username, spring.datasource.password",
            username + " / " + Masked.secret(environment.getProperty("spring.datasource.password")),
            "PostgreSQL at " + shownUrl + " refused these credentials.",
            "Set SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD to a role that may"
                + " log in to this database (pg_hba.conf must allow it from this host).");
      }
      if (state.equals("3D000")) {
        throw new WrongSetting(
            "spring.datasource.url",
            shownUrl,
            "The server answers, but the database does not exist.",
            "Create it (CREATE DATABASE faxbridge OWNER <role>) or correct the name in the URL.");
      }
      throw new WrongSetting(
          "spring.datasource.url",
          shownUrl,
          "PostgreSQL cannot be reached: " + e.getMessage(),
          "Check the host and port, that PostgreSQL runs and accepts connections from this host,"
              + " or leave spring.datasource.url empty to run the embedded PostgreSQL.");
    }
  }

  private static boolean isAnotherNodesEmbeddedServer(Connection connection) throws SQLException {
    try (PreparedStatement marker =
        connection.prepareStatement("select current_setting(?, true)")) {
      marker.setString(1, EmbeddedDatabase.EMBEDDED_MARKER);
      ResultSet answer = marker.executeQuery();
      return answer.next() && "on".equals(answer.getString(1));
    }
  }

  private String stagingDirectoryUsable() {
    SyncSettings sync = bind("faxbridge.sync", SyncSettings.class);
    return usableDirectory("faxbridge.sync.staging-directory", sync.stagingDirectory(), true)
        .toString();
  }

  private String dropFolderUsable() {
    FolderSettings folder = bind("faxbridge.delivery.folder", FolderSettings.class);
    return usableDirectory("faxbridge.delivery.folder.root", folder.root(), true).toString();
  }

  /**
   * A directory that exists (created owner-only if missing), is writable by this user and, when it
   * holds PHI, is closed to other users (its group may read: the EHR's reader).
   */
  private static Path usableDirectory(String setting, Path configured, boolean holdsPhi) {
    Path directory = configured.toAbsolutePath().normalize();
    String user = System.getProperty("user.name");
    try {
      if (!Files.exists(directory)) {
        Files.createDirectories(directory);
        try {
          Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
          // Best effort on file systems without POSIX permissions.
        }
      }
    } catch (IOException e) {
      throw new WrongSetting(
          setting,
          directory.toString(),
          "The directory does not exist and cannot be created by user "
              + user
              + (e instanceof AccessDeniedException ? " (permission denied)." : ": " + e),
          "Create it, owned by the user faxbridge runs as: install -d -m 700 -o "
              + user
              + " "
              + directory);
    }
    if (!Files.isDirectory(directory)) {
      throw new WrongSetting(
          setting, directory.toString(), "This is not a directory.", "Give a directory.");
    }
    if (!Files.isWritable(directory) || !Files.isExecutable(directory)) {
      throw new WrongSetting(
          setting,
          directory.toString(),
          "User " + user + " cannot write into it.",
          "chown " + user + " " + directory + " && chmod u+rwx " + directory);
    }
    if (holdsPhi && !othersPermissions(directory).isEmpty()) {
      throw new WrongSetting(
          setting,
          directory.toString(),
          "It holds faxes (PHI), but other users can open it ("
              + PosixFilePermissions.toString(permissions(directory))
              + ").",
          "chmod o-rwx " + directory + " (give the EHR's reader access through the group)");
    }
    return directory;
  }

  private String publicUrlsWellFormed() {
    ConnectSettings connect = bind("faxbridge.connect", ConnectSettings.class);
    PushSettings push = bind("faxbridge.push", PushSettings.class);
    RingCentralSettings ringCentral = bind("faxbridge.ringcentral", RingCentralSettings.class);
    wellFormed("faxbridge.connect.public-url", connect.publicUrl(), true);
    if (push.publicBaseUrl() != null) {
      wellFormed("faxbridge.push.public-base-url", push.publicBaseUrl(), true);
    }
    wellFormed("faxbridge.ringcentral.server-url", ringCentral.serverUrl(), false);
    for (URI media : ringCentral.mediaUrls()) {
      wellFormed("faxbridge.ringcentral.media-urls", media, false);
    }
    if (ringCentral.jwtAudience() != null) {
      wellFormed("faxbridge.ringcentral.jwt-audience", ringCentral.jwtAudience(), false);
    }
    DocumentLinkSettings links =
        bind("faxbridge.delivery.document-links", DocumentLinkSettings.class);
    if (links.baseUrl() != null) {
      wellFormed("faxbridge.delivery.document-links.base-url", links.baseUrl(), true);
    }
    return "connect pages at " + connect.publicUrl();
  }

  /**
   * An absolute http(s) URL with a host and nothing after its path; one that clinics or RingCentral
   * open must be https unless it is on this machine.
   */
  private static void wellFormed(String setting, URI url, boolean publicFacing) {
    String problem = null;
    if (!url.isAbsolute() || url.getHost() == null) {
      problem = "This is not an absolute URL with a host.";
    } else if (!url.getScheme().equals("https") && !url.getScheme().equals("http")) {
      problem = "Only http and https URLs are possible.";
    } else if (url.getUserInfo() != null || url.getQuery() != null || url.getFragment() != null) {
      problem = "The URL must not carry a user, a query or a fragment.";
    } else if (publicFacing && url.getScheme().equals("http") && !isLoopback(url)) {
      problem = "Clinic admins and RingCentral reach faxbridge through it, so it must be https.";
    }
    if (problem != null) {
      throw new WrongSetting(
          setting,
          url.toString(),
          problem,
          "Give the address as it is seen from outside, such as https://fax.example.com.");
    }
  }

  private static boolean isLoopback(URI url) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  private String ringCentralAppComplete() {
    RingCentralSettings settings = bind("faxbridge.ringcentral", RingCentralSettings.class);
    boolean id = settings.clientId() != null && !settings.clientId().isBlank();
    boolean secret = settings.clientSecret() != null && !settings.clientSecret().isBlank();
    if (id != secret) {
      String missing =
          id ? "faxbridge.ringcentral.client-secret" : "faxbridge.ringcentral.client-id";
      throw new WrongSetting(
          missing,
          "(not set)",
          "The RingCentral app is half configured: "
              + (id
                  ? "the client id is set, its secret is not."
                  : "the secret is set, not the id."),
          "Set both "
              + "FAXBRIDGE_RINGCENTRAL_CLIENT_ID and FAXBRIDGE_RINGCENTRAL_CLIENT_SECRET from the app's"
              + " page in the RingCentral developer console.");
    }
    return id
        ? "client id " + settings.clientId()
        : "not configured (no RingCentral connection yet)";
  }

  private <T> T bind(String prefix, Class<T> type) {
    try {
      return binder.bindOrCreate(prefix, type);
    } catch (BindException e) {
      throw wrongBinding(prefix, e);
    }
  }

  private static Set<PosixFilePermission> othersPermissions(Path path) {
    Set<PosixFilePermission> open = permissions(path);
    open.retainAll(
        Set.of(
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE));
    return open;
  }

  private static Set<PosixFilePermission> permissions(Path path) {
    try {
      return new HashSet<>(Files.getPosixFilePermissions(path));
    } catch (UnsupportedOperationException | IOException notPosix) {
      return new HashSet<>();
    }
  }

  static boolean isSecret(String setting) {
    String name = setting.toLowerCase(Locale.ROOT);
    return name.endsWith("secret")
        || name.endsWith("password")
        || name.endsWith("api-token")
        || name.endsWith(".keyset");
  }

  static String howToSet(String setting) {
    String variable = setting.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
    return "Correct "
        + setting
        + " (in application.yml, the environment variable "
        + variable
        + " or --"
        + setting
        + "=...).";
  }
}
