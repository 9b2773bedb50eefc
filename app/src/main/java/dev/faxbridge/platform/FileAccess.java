package dev.faxbridge.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Who may read the files faxbridge creates: their owner only (files 0600, directories 0700), or
 * also the members of one group, such as the one an EHR importer runs as (0640 and 0750, that
 * group). Files get their mode when they are created, never readable first and narrowed later. On a
 * file system without POSIX permissions the modes are left to it.
 */
public final class FileAccess {

  public static final FileAccess OWNER_ONLY = new FileAccess(null);

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final GroupPrincipal group;
  private final Set<PosixFilePermission> fileMode;
  private final Set<PosixFilePermission> directoryMode;

  private FileAccess(GroupPrincipal group) {
    this.group = group;
    this.fileMode = PosixFilePermissions.fromString(group == null ? "rw-------" : "rw-r-----");
    this.directoryMode = PosixFilePermissions.fromString(group == null ? "rwx------" : "rwxr-x---");
  }

  /**
   * Owner and the members of {@code groupName}; owner only when it is blank. An unknown group is an
   * error that names it.
   */
  public static FileAccess ownerAndGroup(String groupName) {
    if (groupName == null || groupName.isBlank() || !POSIX) {
      return OWNER_ONLY;
    }
    try {
      return new FileAccess(
          FileSystems.getDefault()
              .getUserPrincipalLookupService()
              .lookupPrincipalByGroupName(groupName));
    } catch (IOException e) {
      throw new IllegalArgumentException("No group named '" + groupName + "' on this system", e);
    }
  }

  /** Creates the directory and its missing parents, each new one with this access; answers it. */
  public Path createDirectories(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return absolute;
    }
    if (absolute.getParent() != null) {
      createDirectories(absolute.getParent());
    }
    try {
      Files.createDirectory(absolute, attributes(directoryMode));
      setGroup(absolute);
    } catch (FileAlreadyExistsException raced) {
      // Created by another thread meanwhile.
    }
    return absolute;
  }

  /**
   * Replaces {@code file} by a new empty one with this access, for a writer that opens it without
   * {@code CREATE_NEW} (the mode of an existing file is kept when it is truncated and written).
   */
  public Path createEmptyFile(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, attributes(fileMode));
    setGroup(file);
    return file;
  }

  /** Writes the text to a new file with this access beside {@code file}, renamed into place. */
  public void write(Path file, String text) throws IOException {
    Path target = file.toAbsolutePath().normalize();
    createDirectories(target.getParent());
    Path temporary =
        Files.createTempFile(
            target.getParent(), "." + target.getFileName(), ".tmp", attributes(fileMode));
    try {
      setGroup(temporary);
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** A new empty owner-only file in the system's temporary directory. */
  static Path createTempFile(String prefix) throws IOException {
    return Files.createTempFile(prefix, ".tmp", OWNER_ONLY.attributes(OWNER_ONLY.fileMode));
  }

  static void restrictToOwner(Path file) throws IOException {
    if (POSIX) {
      Files.setPosixFilePermissions(file, OWNER_ONLY.fileMode);
    }
  }

  private void setGroup(Path path) throws IOException {
    if (group != null) {
      Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
    }
  }

  private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }
}
