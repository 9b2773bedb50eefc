package dev.faxbridge.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A clinic. The slug names its delivery folder and appears in logs, so it is a short lower-case
 * name, never anything that identifies a patient; it never changes once the tenant exists.
 *
 * @param offboardedAt when an operator offboarded the tenant, null while it is served
 */
public record Tenant(
    TenantId id,
    String slug,
    String name,
    Duration syncInterval,
    Instant createdAt,
    Instant offboardedAt) {

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

  public Tenant(TenantId id, String slug, String name, Duration syncInterval, Instant createdAt) {
    this(id, slug, name, syncInterval, createdAt, null);
  }

  public boolean isOffboarded() {
    return offboardedAt != null;
  }

  /**
   * A slug made from a name: lower-case letters and digits of the name (accents dropped), every
   * other run of characters one hyphen, at most 63 characters; "tenant" when nothing is left.
   */
  public static String slugFrom(String name) {
    String plain =
        java.text.Normalizer.normalize(name == null ? "" : name, java.text.Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+", "");
    if (plain.length() > 63) {
      plain = plain.substring(0, 63);
    }
    plain = plain.replaceAll("-+$", "");
    return plain.isEmpty() ? "tenant" : plain;
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
