package dev.faxbridge.delivery.folder;

import dev.faxbridge.delivery.DeliveryOutcome;
import dev.faxbridge.delivery.Destination;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.delivery.FaxMetadata;
import dev.faxbridge.fax.InboundFax;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code <key>.pdf} and {@code <key>.json} into the tenant's folder. Names derive from the
 * fax's source key, so a second delivery of the same fax replaces the files with identical ones
 * instead of adding a copy. Temporary files start with a dot and end in {@code .tmp}; consumers
 * ignore them.
 */
@Component
public class FolderDestination implements Destination {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final FolderSettings settings;
  private final JsonMapper json =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  FolderDestination(FolderSettings settings) {
    this.settings = settings;
  }

  @Override
  public DeliveryOutcome deliver(FaxDocument document) {
    InboundFax fax = document.fax();
    Path folder =
        settings
            .root()
            .resolve(document.tenant().slug())
            .resolve(DAY.format(fax.source().receivedAt()));
    String key = fax.sourceKey();
    String extension = "image/tiff".equals(document.document().contentType()) ? "tif" : "pdf";
    Path target = folder.resolve(key + "." + extension);
    Path sidecar = folder.resolve(key + ".json");
    try {
      Files.createDirectories(folder);
      Path documentTemp = folder.resolve("." + key + "." + extension + ".tmp");
      Files.copy(document.document().path(), documentTemp, StandardCopyOption.REPLACE_EXISTING);
      force(documentTemp);
      move(documentTemp, target);
      Path sidecarTemp = folder.resolve("." + key + ".json.tmp");
      Files.write(
          sidecarTemp, json.writeValueAsBytes(sidecar(document, target.getFileName().toString())));
      force(sidecarTemp);
      move(sidecarTemp, sidecar);
      forceDirectory(folder);
      return new DeliveryOutcome.Delivered(settings.root().relativize(sidecar).toString());
    } catch (IOException e) {
      return new DeliveryOutcome.RetryLater(
          "Could not write to "
              + folder
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + e.getMessage());
    }
  }

  private static Map<String, Object> sidecar(FaxDocument document, String fileName) {
    InboundFax fax = document.fax();
    Map<String, Object> ringcentral = new LinkedHashMap<>();
    ringcentral.put("accountId", fax.source().accountId());
    ringcentral.put("extensionId", fax.source().mailboxId());
    ringcentral.put("messageId", fax.source().messageId());
    ringcentral.put("attachmentId", fax.source().attachmentId());
    Map<String, Object> sidecar = new LinkedHashMap<>();
    sidecar.put("id", fax.sourceKey());
    sidecar.put("faxId", fax.id().toString());
    sidecar.put("document", fileName);
    sidecar.put(
        "tenant",
        Map.of("id", document.tenant().id().toString(), "slug", document.tenant().slug()));
    sidecar.put("connectionId", fax.connectionId().toString());
    sidecar.put("provider", "ringcentral");
    sidecar.put("ringcentral", ringcentral);
    sidecar.put("from", fax.source().fromNumber());
    sidecar.put("to", fax.source().toNumber());
    sidecar.put("receivedAt", FaxMetadata.timestamp(fax.source().receivedAt()));
    sidecar.put("pageCount", fax.source().pageCount());
    sidecar.put("contentType", document.document().contentType());
    sidecar.put("size", document.document().size());
    sidecar.put("sha256", document.document().sha256());
    return sidecar;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the folder's file system cannot rename atomically; choose a local folder", e);
    }
  }

  private static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static void forceDirectory(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notSupported) {
      // Some platforms cannot open a directory for sync; the renames are still atomic.
    }
  }
}
