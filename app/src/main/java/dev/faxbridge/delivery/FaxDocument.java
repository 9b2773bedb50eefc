package dev.faxbridge.delivery;

import dev.faxbridge.connection.Provider;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.provider.DownloadedDocument;
import dev.faxbridge.tenant.Tenant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A downloaded, checked fax document with everything a destination needs to file it.
 *
 * @param source the fax's identity in its provider's own words (no phone numbers)
 */
public record FaxDocument(
    Tenant tenant, InboundFax fax, DownloadedDocument document, Source source) {

  /**
   * Where the fax came from, as its provider names it: {@code fields} are the provider's ids of the
   * fax (for RingCentral account, extension, message and attachment; for Faxage company and fax
   * id), in the order they are written.
   */
  public record Source(Provider provider, Map<String, Object> fields) {
    /** The provider's name as destinations write it, e.g. {@code ringcentral}. */
    public String name() {
      return provider.name().toLowerCase(Locale.ROOT);
    }

    public Source {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }
}
