package dev.faxbridge.platform;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts secrets (JWT credentials, tokens) for storage. The associated data is the id of the row
 * that owns the secret, so a ciphertext copied into another row does not decrypt.
 */
public final class SecretBox {

  private final Aead aead;

  private SecretBox(Aead aead) {
    this.aead = aead;
  }

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  public static SecretBox fromKeyset(String keysetJson) {
    try {
      KeysetHandle handle =
          TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
      return new SecretBox(handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "The secrets keyset is not a valid Tink JSON AEAD keyset ("
              + e.getClass().getSimpleName()
              + "). Give faxbridge.secrets.keyset-file or FAXBRIDGE_SECRETS_KEYSET the keyset"
              + " created with 'faxbridge keyset generate'.",
          e);
    }
  }

  public static String generateKeyset() {
    try {
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not generate a keyset", e);
    }
  }

  public byte[] seal(String plaintext, String ownerId) {
    try {
      return aead.encrypt(
          plaintext.getBytes(StandardCharsets.UTF_8), ownerId.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt a secret of " + ownerId, e);
    }
  }

  public String open(byte[] ciphertext, String ownerId) {
    try {
      return new String(
          aead.decrypt(ciphertext, ownerId.getBytes(StandardCharsets.UTF_8)),
          StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "A stored secret of "
              + ownerId
              + " does not decrypt with the configured keyset: the keyset changed, or the row was"
              + " altered",
          e);
    }
  }

  @Override
  public String toString() {
    return "SecretBox[AEAD]";
  }
}
