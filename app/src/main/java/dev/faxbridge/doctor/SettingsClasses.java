package dev.faxbridge.doctor;

import java.util.Comparator;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every {@code @ConfigurationProperties} record of faxbridge on the class path, with its prefix.
 */
final class SettingsClasses {

  /** A settings record and the prefix its settings share. */
  record Settings(String prefix, Class<?> type) {}

  private SettingsClasses() {}

  static List<Settings> all() {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    return scanner.findCandidateComponents("dev.faxbridge").stream()
        .map(
            candidate ->
                ClassUtils.resolveClassName(
                    candidate.getBeanClassName(), SettingsClasses.class.getClassLoader()))
        .map(
            type -> {
              ConfigurationProperties annotation =
                  type.getAnnotation(ConfigurationProperties.class);
              String prefix =
                  annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
              return new Settings(prefix, type);
            })
        .sorted(Comparator.comparing(Settings::prefix))
        .toList();
  }
}
