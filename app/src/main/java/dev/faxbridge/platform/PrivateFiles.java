package dev.faxbridge.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: created with mode 0600 (directories 0700) from the first byte,
 * never created readable and narrowed afterwards. On a file system without POSIX permissions the
 * modes are left to it.
 */
public final class PrivateFiles {

  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /** Creates the directory and missing parents, each new one 0700; answers it. */
  public static Path createDirectories(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return absolute;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(absolute, attributes(DIRECTORY));
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // Another thread created it meanwhile.
    }
    return absolute;
  }

  /** Writes the text to a new 0600 file beside {@code file}, then renames it into place. */
  public static void write(Path file, String text) throws IOException {
    Path target = file.toAbsolutePath().normalize();
    createDirectories(target.getParent());
    Path temporary =
        Files.createTempFile(
            target.getParent(), "." + target.getFileName(), ".tmp", attributes(FILE));
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** A new empty 0600 temporary file in the system's temporary directory. */
  static Path createTempFile(String prefix) throws IOException {
    return Files.createTempFile(prefix, ".tmp", attributes(FILE));
  }

  static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
    return isPosix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
