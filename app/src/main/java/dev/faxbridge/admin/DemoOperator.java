package dev.faxbridge.admin;

import dev.faxbridge.platform.FileAccess;
import dev.faxbridge.platform.RandomTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: the one operator account of the demo, {@code demo}, with a generated password (to
 * sign in to the console, or the API with HTTP Basic) and API token (the API with a bearer token).
 * Both are kept in the demo's state directory, owner-only, so every start can print the same set
 * (the demo prints them on the console, never into the log); when the database and the file
 * disagree (one of them was reset), a fresh set replaces the old. Absent from the production jar,
 * which has no demo.
 */
@Component
@ConditionalOnClass(name = "dev.faxbridge.demo.DemoSettings")
@ConditionalOnProperty(name = "faxbridge.demo.enabled", havingValue = "true")
public class DemoOperator {

  public static final String USERNAME = "demo";

  /** The demo operator's credentials; {@link #toString()} hides them. */
  public record Credentials(String username, String password, String apiToken) {
    @Override
    public String toString() {
      return "Credentials[username=" + username + "]";
    }
  }

  private final Operators operators;
  private final Path file;
  private Credentials credentials;

  DemoOperator(Operators operators, Environment environment) {
    this.operators = operators;
    this.file =
        Path.of(environment.getProperty("faxbridge.demo.state-directory", "./data/demo"))
            .resolve("operator-credentials");
  }

  /** The demo operator's credentials, creating the account or renewing them where needed. */
  public synchronized Credentials credentials() {
    if (credentials == null) {
      credentials = saved().filter(this::valid).orElseGet(this::renew);
    }
    return credentials;
  }

  private boolean valid(Credentials saved) {
    return operators.passwordMatches(USERNAME, saved.password())
        && operators.authenticateToken(saved.apiToken()).filter(USERNAME::equals).isPresent();
  }

  private Credentials renew() {
    String password = RandomTokens.newToken().substring(0, 24);
    if (operators.exists(USERNAME)) {
      operators.resetPassword(USERNAME, password);
    } else {
      operators.create(USERNAME, password);
    }
    Credentials renewed =
        new Credentials(USERNAME, password, operators.createToken(USERNAME, "demo"));
    try {
      FileAccess.OWNER_ONLY.write(file, renewed.password() + "\n" + renewed.apiToken() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the demo operator's credentials in " + file, e);
    }
    return renewed;
  }

  private Optional<Credentials> saved() {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(file);
      return lines.size() < 2
          ? Optional.empty()
          : Optional.of(new Credentials(USERNAME, lines.get(0).trim(), lines.get(1).trim()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the demo operator's credentials in " + file, e);
    }
  }
}
