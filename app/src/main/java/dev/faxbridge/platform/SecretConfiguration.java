package dev.faxbridge.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                + " 'java -jar faxbridge.jar keyset generate keyset.json', keep it safe and give"
                + " its path in faxbridge.secrets.keyset-file.");
      }
      FileAccess.OWNER_ONLY.write(file, SecretBox.generateKeyset());
      log.warn(
          "Generated a new secrets keyset in {}. This is for demo use: anyone who can read this"
              + " file can decrypt the stored credentials, and losing it makes them unreadable.",
          file.toAbsolutePath());
    }
    return SecretBox.fromKeyset(Files.readString(file));
  }
}
