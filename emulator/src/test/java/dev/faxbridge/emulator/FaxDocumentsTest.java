package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FaxDocumentsTest {

  private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void aDocumentsBytesDependOnlyOnItsInputsNotOnWhatWasRenderedBefore() {
    InboundFaxSpec spec = InboundFaxSpec.of("+15550001", "+15550002", 3);
    try (FaxDocuments fresh = new FaxDocuments();
        FaxDocuments used = new FaxDocuments()) {
      for (long other = 1; other <= 5; other++) {
        used.render(other, InboundFaxSpec.of("+15550009", "+15550002", (int) other), AT);
        used.render(100 + other, spec.contentType(InboundFaxSpec.TIFF), AT);
      }

      StoredDocument a = fresh.render(42, spec, AT);
      StoredDocument b = used.render(42, spec, AT);
      StoredDocument tiffA = fresh.render(43, spec.contentType(InboundFaxSpec.TIFF), AT);
      StoredDocument tiffB = used.render(43, spec.contentType(InboundFaxSpec.TIFF), AT);

      assertThat(b.sha256()).isEqualTo(a.sha256());
      assertThat(tiffB.sha256()).isEqualTo(tiffA.sha256());
    }
  }

  @Test
  void differentMessagesRenderDifferentBytes() {
    try (FaxDocuments documents = new FaxDocuments()) {
      InboundFaxSpec spec = InboundFaxSpec.of("+15550001", "+15550002", 1);

      assertThat(documents.render(1, spec, AT).sha256())
          .isNotEqualTo(documents.render(2, spec, AT).sha256());
    }
  }
}
