package dev.faxbridge.platform;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;

/**
 * Key rotation of the secrets keyset, in three safe steps (see the operations section of the
 * README): {@link #addPrimary} gives the keyset a new primary key while keeping the old ones, so
 * every stored secret still opens; {@link SecretReencryption} then re-seals every secret with the
 * new primary; only after that does {@link #retireOld} drop the old keys.
 */
public final class KeysetRotation {

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private KeysetRotation() {}

  /** The keyset with a new AES-256-GCM key as primary; the old keys stay for decryption. */
  public static String addPrimary(String keysetJson) {
    try {
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(parse(keysetJson));
      builder.addEntry(
          KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
              .withRandomId()
              .makePrimary());
      return TinkJsonProtoKeysetFormat.serializeKeyset(
          builder.build(), InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not add a key to the keyset", e);
    }
  }

  /** The keyset with its primary key only. Run only after every secret was re-encrypted. */
  public static String retireOld(String keysetJson) {
    try {
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(parse(keysetJson));
      for (int i = builder.size() - 1; i >= 0; i--) {
        if (!builder.getAt(i).isPrimary()) {
          builder.deleteAt(i);
        }
      }
      return TinkJsonProtoKeysetFormat.serializeKeyset(
          builder.build(), InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not retire the old keys", e);
    }
  }

  /** How many keys the keyset holds. */
  public static int size(String keysetJson) {
    return parse(keysetJson).size();
  }

  private static KeysetHandle parse(String keysetJson) {
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Not a Tink JSON keyset", e);
    }
  }
}
