package dev.faxbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what faxbridge delivered into a tenant's drop folder. */
public record DropFolder(Path root) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public static DropFolder of(Path inbox, String tenantSlug) {
    return new DropFolder(inbox.resolve(tenantSlug));
  }

  public List<Path> sidecars() {
    return files(".json");
  }

  public List<Path> documents() {
    return files(".pdf");
  }

  public List<JsonNode> sidecarContents() {
    return sidecars().stream().map(p -> JSON.readTree(p.toFile())).toList();
  }

  /**
   * Checks every delivered pair: the document named by the sidecar exists, opens as a PDF with the
   * sidecar's page count, and has the sidecar's size and SHA-256.
   */
  public void assertEveryDocumentMatchesItsSidecar() throws Exception {
    for (Path sidecar : sidecars()) {
      JsonNode meta = JSON.readTree(sidecar.toFile());
      Path document = sidecar.resolveSibling(meta.get("document").asString());
      assertThat(document).exists();
      byte[] bytes = Files.readAllBytes(document);
      assertThat((long) bytes.length).isEqualTo(meta.get("size").asLong());
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
          .isEqualTo(meta.get("sha256").asString());
      try (PDDocument pdf = Loader.loadPDF(bytes)) {
        assertThat(pdf.getNumberOfPages()).isEqualTo(meta.get("pageCount").asInt());
      }
    }
  }

  /**
   * The delivered files with this suffix. faxbridge may be writing while a test looks, so a
   * temporary file that is renamed away between being listed and being read is passed over.
   */
  private List<Path> files(String suffix) {
    if (!Files.exists(root)) {
      return List.of();
    }
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              String name = file.getFileName().toString();
              if (name.endsWith(suffix) && !name.startsWith(".")) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure)
                throws IOException {
              if (failure instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw failure;
            }
          });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return found.stream().sorted().toList();
  }
}
