package dev.faxbridge.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A clinic. The slug names its delivery folder and appears in logs, so it is a short lower-case
 * name, never anything that identifies a patient.
 */
public record Tenant(
    TenantId id, String slug, String name, Duration syncInterval, Instant createdAt) {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  public static final Duration MIN_SYNC_INTERVAL = Duration.ofSeconds(5);
  public static final Duration MAX_SYNC_INTERVAL = Duration.ofDays(1);
  public static final int MAX_NAME_LENGTH = 200;

  public Tenant {
    requireValidSlug(slug);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A tenant needs a name");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "A tenant name is at most "
              + MAX_NAME_LENGTH
              + " characters, this one has "
              + name.length());
    }
    if (syncInterval.compareTo(MIN_SYNC_INTERVAL) < 0
        || syncInterval.compareTo(MAX_SYNC_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          "The sync interval must be between 5 seconds and 1 day, was " + syncInterval);
    }
  }

  public static void requireValidSlug(String slug) {
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw new IllegalArgumentException(
          "A tenant slug is 1 to 63 lower-case letters, digits and hyphens, starting with a letter"
              + " or digit; was "
              + (slug == null || slug.length() > 80
                  ? (slug == null ? "none" : slug.length() + " characters")
                  : "'" + slug + "'"));
    }
  }
}
