package dev.faxbridge.delivery.folder;

import dev.faxbridge.delivery.DeliveryOutcome;
import dev.faxbridge.delivery.Destination;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.delivery.FaxMetadata;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.platform.FileAccess;
import dev.faxbridge.platform.PausePoints;
import java.io.IOException;
import java.io.OutputStream;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code <key>.pdf} and {@code <key>.json} into the tenant's folder. Names derive from the
 * fax's source key. A delivery already completed (a sidecar in place for the same source key and
 * SHA-256, its document beside it with the right size) is recognised and reported as delivered
 * without touching either file, so a retry after a crash between the sidecar's rename and the
 * ledger's commit neither rewrites the pair nor hands it to the EHR twice. Temporary files start
 * with a dot and end in {@code .tmp}; consumers ignore them. Files and folders are created with the
 * {@link FolderSettings#group} access: the owner's only unless an importer's group is configured.
 */
@Component
public class FolderDestination implements Destination {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final FolderSettings settings;
  private final String location;
  private final FileAccess access;
  private final JsonMapper json =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** The global folder: the destination of every tenant that has none of its own. */
  @Autowired
  FolderDestination(FolderSettings settings) {
    this(settings, null);
  }

  /**
   * A tenant's own folder destination.
   *
   * @param location the location label written into each sidecar, or null
   */
  public FolderDestination(FolderSettings settings, String location) {
    this.settings = settings;
    this.location = location;
    this.access = FileAccess.ownerAndGroup(settings.group());
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
      if (alreadyDelivered(sidecar, target, key, document)) {
        return new DeliveryOutcome.Delivered(settings.root().relativize(sidecar).toString());
      }
      access.createDirectories(folder);
      Path documentTemp =
          access.createEmptyFile(folder.resolve("." + key + "." + extension + ".tmp"));
      try (OutputStream out = Files.newOutputStream(documentTemp, StandardOpenOption.WRITE)) {
        Files.copy(document.document().path(), out);
      }
      force(documentTemp);
      move(documentTemp, target);
      PausePoints.reach(PausePoints.DOCUMENT_RENAMED);
      Path sidecarTemp = access.createEmptyFile(folder.resolve("." + key + ".json.tmp"));
      Files.write(
          sidecarTemp,
          json.writeValueAsBytes(sidecar(document, target.getFileName().toString(), location)));
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

  /** Whether this very document was delivered here before: the sidecar is the commit marker. */
  private boolean alreadyDelivered(Path sidecar, Path target, String key, FaxDocument document) {
    if (!Files.isRegularFile(sidecar) || !Files.isRegularFile(target)) {
      return false;
    }
    try {
      JsonNode written = json.readTree(sidecar.toFile());
      return key.equals(written.path("id").asString(null))
          && document.document().sha256().equals(written.path("sha256").asString(null))
          && Files.size(target) == document.document().size();
    } catch (IOException | JacksonException unreadable) {
      return false; // a damaged sidecar is written again
    }
  }

  private static Map<String, Object> sidecar(
      FaxDocument document, String fileName, String location) {
    InboundFax fax = document.fax();
    Map<String, Object> sidecar = new LinkedHashMap<>();
    sidecar.put("id", fax.sourceKey());
    sidecar.put("faxId", fax.id().toString());
    sidecar.put("document", fileName);
    sidecar.put(
        "tenant",
        Map.of("id", document.tenant().id().toString(), "slug", document.tenant().slug()));
    sidecar.put("connectionId", fax.connectionId().toString());
    sidecar.put("provider", document.source().name());
    sidecar.put(document.source().name(), document.source().fields());
    sidecar.put("from", fax.source().fromNumber());
    sidecar.put("senderName", fax.source().senderName());
    sidecar.put("to", fax.source().toNumber());
    sidecar.put("receivedAt", FaxMetadata.timestamp(fax.source().receivedAt()));
    sidecar.put("pageCount", fax.source().pageCount());
    sidecar.put("contentType", document.document().contentType());
    sidecar.put("size", document.document().size());
    sidecar.put("sha256", document.document().sha256());
    sidecar.put("location", location);
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
