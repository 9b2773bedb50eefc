package dev.faxbridge;

import dev.faxbridge.doctor.Doctor;
import dev.faxbridge.platform.DatabaseSettings;
import dev.faxbridge.platform.FileAccess;
import dev.faxbridge.platform.KeysetRotation;
import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.platform.SecretReencryption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point: brings every inbound fax of many clinics into an EHR, exactly once. Besides running
 * the service, it has the key-management commands of the operations guide:
 *
 * <ul>
 *   <li>{@code keyset generate <new file>}: writes a new keyset;
 *   <li>{@code keyset rotate <keyset file> <new file>}: writes the keyset with a new primary key;
 *   <li>{@code secrets reencrypt [--property=value...]}: re-seals every stored secret with the
 *       configured keyset's primary key;
 *   <li>{@code keyset retire-old <keyset file> <new file>}: writes the keyset with its primary key
 *       only.
 *   <li>{@code doctor [--property=value...]}: checks the settings and the live parts, prints a
 *       checklist, exits non-zero when a check fails.
 * </ul>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FaxbridgeApplication {

  public static void main(String[] args) throws IOException {
    if (args.length >= 1 && args[0].equals("keyset")) {
      System.exit(keyset(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length >= 2 && args[0].equals("secrets") && args[1].equals("reencrypt")) {
      System.out.println(
          "Re-encrypted " + reencrypt(Arrays.copyOfRange(args, 2, args.length)) + " secrets");
      return;
    }
    if (args.length >= 1 && args[0].equals("doctor")) {
      System.exit(Doctor.run(System.out, Arrays.copyOfRange(args, 1, args.length)));
    }
    SpringApplication.run(FaxbridgeApplication.class, args);
  }

  /**
   * Starts faxbridge without web server and scheduler, re-seals every secret, and stops; returns
   * how many secrets were rewritten. With the embedded database, it works through the server of a
   * faxbridge running on the same data directory (never stopping it), or starts the server itself.
   */
  public static int reencrypt(String... properties) {
    String[] arguments =
        java.util.stream.Stream.concat(
                Arrays.stream(properties).filter(p -> !p.startsWith("--db-scheduler.enabled=")),
                java.util.stream.Stream.of(
                    "--db-scheduler.enabled=false",
                    "--" + DatabaseSettings.ATTACH_TO_RUNNING + "=true"))
            .toArray(String[]::new);
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(FaxbridgeApplication.class)
            .web(WebApplicationType.NONE)
            .run(arguments)) {
      return context.getBean(SecretReencryption.class).reencryptAll();
    }
  }

  /**
   * Runs a keyset command; answers the exit status. Each writes a new owner-only (0600) file
   * itself, never an existing one, so a key never passes through a shell redirection's 0644 file.
   */
  public static int keyset(String... args) throws IOException {
    String usage =
        "keyset commands: generate <new file> | rotate <keyset file> <new file>"
            + " | retire-old <keyset file> <new file>";
    boolean generate = args.length == 2 && args[0].equals("generate");
    boolean transform =
        args.length == 3 && (args[0].equals("rotate") || args[0].equals("retire-old"));
    if (!generate && !transform) {
      System.err.println(usage);
      return 2;
    }
    Path output = Path.of(args[args.length - 1]);
    if (Files.exists(output)) {
      System.err.println(output + " exists; keyset commands write a new file only");
      return 2;
    }
    String keyset =
        generate
            ? SecretBox.generateKeyset()
            : args[0].equals("rotate")
                ? KeysetRotation.addPrimary(Files.readString(Path.of(args[1])).strip())
                : KeysetRotation.retireOld(Files.readString(Path.of(args[1])).strip());
    FileAccess.OWNER_ONLY.write(output, keyset);
    System.out.println("Wrote " + output + " (readable by its owner only)");
    return 0;
  }
}
