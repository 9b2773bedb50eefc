package dev.faxbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.FaxbridgeApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyset commands write each key file themselves, owner-only, and never over another. */
class KeysetCommandsTest {

  @TempDir Path keys;

  @Test
  void generateRotateAndRetireWriteNewOwnerOnlyFiles() throws Exception {
    Path first = keys.resolve("keyset.json");
    Path rotated = keys.resolve("keyset-rotated.json");
    Path retired = keys.resolve("keyset-new.json");

    assertThat(FaxbridgeApplication.keyset("generate", first.toString())).isZero();
    assertThat(FaxbridgeApplication.keyset("rotate", first.toString(), rotated.toString()))
        .isZero();
    assertThat(FaxbridgeApplication.keyset("retire-old", rotated.toString(), retired.toString()))
        .isZero();

    assertThat(KeysetRotation.size(Files.readString(rotated))).isEqualTo(2);
    assertThat(KeysetRotation.size(Files.readString(retired))).isEqualTo(1);
    for (Path file : new Path[] {first, rotated, retired}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void anExistingFileIsNeverOverwritten() throws Exception {
    Path existing = Files.writeString(keys.resolve("keyset.json"), "the only copy");

    assertThat(FaxbridgeApplication.keyset("generate", existing.toString())).isEqualTo(2);
    assertThat(Files.readString(existing)).isEqualTo("the only copy");
  }
}
