package dev.faxbridge.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the key that encrypts credentials at rest comes from.
 *
 * @param keyset a Tink JSON keyset given directly, usually through the environment variable {@code
 *     FAXBRIDGE_SECRETS_KEYSET}; wins over {@code keysetFile}
 * @param keysetFile a file holding a Tink JSON keyset
 * @param generateIfMissing create {@code keysetFile} with a new key when it does not exist (demo
 *     mode only: a lost generated key makes every stored credential unreadable)
 */
@ConfigurationProperties("faxbridge.secrets")
public record SecretSettings(
    String keyset,
    @DefaultValue("./data/secrets/keyset.json") Path keysetFile,
    @DefaultValue("false") boolean generateIfMissing) {}
