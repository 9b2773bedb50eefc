package dev.faxbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table lists every setting of every {@code @ConfigurationProperties}
 * record: a new setting without documentation fails the build, naming the setting.
 */
class ConfigurationTableTest {

  @Test
  void theReadmeConfigurationTableListsEverySetting() throws IOException {
    String table = configurationTable();
    List<String> missing = new ArrayList<>();
    for (SettingsClasses.Settings settings : SettingsClasses.all()) {
      for (RecordComponent component : settings.type().getRecordComponents()) {
        String setting = settings.prefix() + "." + kebab(component.getName());
        if (!documented(table, settings.prefix(), kebab(component.getName()))) {
          missing.add(setting + " (" + settings.type().getSimpleName() + ")");
        }
      }
    }
    assertThat(missing)
        .as("settings missing from the README's configuration table (add a row for each)")
        .isEmpty();
  }

  /**
   * Listed in full ({@code `faxbridge.sync.overlap`}) or as a sibling of a setting listed in full
   * in the same cell ({@code `faxbridge.sync.retry-base`, `.retry-max`}).
   */
  private static boolean documented(String table, String prefix, String name) {
    if (table.contains("`" + prefix + "." + name + "`")) {
      return true;
    }
    Matcher row = Pattern.compile("^\\| ([^|]*)\\|", Pattern.MULTILINE).matcher(table);
    while (row.find()) {
      String cell = row.group(1);
      if (cell.contains("`" + prefix + ".") && cell.contains("`." + name + "`")) {
        return true;
      }
    }
    return false;
  }

  private static String configurationTable() throws IOException {
    Path readme = Path.of("README.md");
    if (!Files.exists(readme)) {
      readme = Path.of("..", "README.md");
    }
    String text = Files.readString(readme);
    int start = text.indexOf("## Configuration");
    int end = text.indexOf("\n## ", start + 1);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
