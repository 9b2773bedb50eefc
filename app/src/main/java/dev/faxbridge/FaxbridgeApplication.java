package dev.faxbridge;

import dev.faxbridge.doctor.Doctor;
import dev.faxbridge.platform.KeysetRotation;
import dev.faxbridge.platform.SecretBox;
import dev.faxbridge.platform.SecretReencryption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 *   <li>{@code keyset generate}: prints a new keyset;
 *   <li>{@code keyset rotate}: reads a keyset on stdin, prints it with a new primary key;
 *   <li>{@code secrets reencrypt [--property=value...]}: re-seals every stored secret with the
 *       configured keyset's primary key;
 *   <li>{@code keyset retire-old}: reads a keyset on stdin, prints it with its primary key only;
 *   <li>{@code doctor [--property=value...]}: checks the settings and the live parts, prints a
 *       checklist, exits non-zero when a check fails.
 * </ul>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FaxbridgeApplication {

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("keyset")) {
      switch (args[1]) {
        case "generate" -> System.out.println(SecretBox.generateKeyset());
        case "rotate" -> System.out.println(KeysetRotation.addPrimary(stdin()));
        case "retire-old" -> System.out.println(KeysetRotation.retireOld(stdin()));
        default -> {
          System.err.println("keyset commands: generate, rotate, retire-old");
          System.exit(2);
        }
      }
      return;
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
   * how many secrets were rewritten.
   */
  public static int reencrypt(String... properties) {
    String[] arguments =
        java.util.stream.Stream.concat(
                Arrays.stream(properties).filter(p -> !p.startsWith("--db-scheduler.enabled=")),
                java.util.stream.Stream.of("--db-scheduler.enabled=false"))
            .toArray(String[]::new);
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(FaxbridgeApplication.class)
            .web(WebApplicationType.NONE)
            .run(arguments)) {
      return context.getBean(SecretReencryption.class).reencryptAll();
    }
  }

  private static String stdin() throws IOException {
    return new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
  }
}
