package dev.faxbridge.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecretConfiguration.class);

  @Bean
  SecretBox secretBox(SecretSettings settings) throws IOException {
    if (settings.keyset() != null && !settings.keyset().isBlank()) {
      return SecretBox.fromKeyset(settings.keyset());
    }
    Path file = settings.keysetFile();
    if (!Files.exists(file)) {
      if (!settings.generateIfMissing()) {
        throw new IllegalStateException(
            "No secrets keyset: "
                + file.toAbsolutePath()
                + " does not exist and FAXBRIDGE_SECRETS_KEYSET is not set. Create one with"
                + " 'java -jar faxbridge.jar keyset generate > keyset.json', keep it safe and give"
                + " its path in faxbridge.secrets.keyset-file.");
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, SecretBox.generateKeyset());
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Best effort on file systems without POSIX permissions.
      }
      log.warn(
          "Generated a new secrets keyset in {}. This is for demo use: anyone who can read this"
              + " file can decrypt the stored credentials, and losing it makes them unreadable.",
          file.toAbsolutePath());
    }
    return SecretBox.fromKeyset(Files.readString(file));
  }
}
