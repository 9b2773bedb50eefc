package dev.faxbridge.delivery.folder;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param root each tenant's faxes go to {@code root/<tenant slug>/<yyyy-MM-dd>/}
 */
@ConfigurationProperties("faxbridge.delivery.folder")
public record FolderSettings(@DefaultValue("./data/inbox") Path root) {}
