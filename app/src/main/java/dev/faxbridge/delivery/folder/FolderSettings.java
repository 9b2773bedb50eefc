package dev.faxbridge.delivery.folder;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param root each tenant's faxes go to {@code root/<tenant slug>/<yyyy-MM-dd>/}
 * @param group the group an EHR importer runs as: documents and sidecars become readable by it
 *     (files 0640, folders 0750); empty, they are the owner's only (0600 and 0700)
 */
@ConfigurationProperties("faxbridge.delivery.folder")
public record FolderSettings(@DefaultValue("./data/inbox") Path root, String group) {

  @ConstructorBinding
  public FolderSettings {}

  public FolderSettings(Path root) {
    this(root, null);
  }
}
