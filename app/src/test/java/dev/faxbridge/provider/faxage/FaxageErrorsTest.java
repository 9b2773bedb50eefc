package dev.faxbridge.provider.faxage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.provider.ProviderException;
import org.junit.jupiter.api.Test;

/**
 * Each documented ERR code is the failure that says whether waiting helps. (The emulator's tests
 * produce ERR01, ERR02 and ERR11 over HTTP; faxbridge never sends an operation Faxage could answer
 * ERR08 to, so that mapping is shown here.)
 */
class FaxageErrorsTest {

  @Test
  void readsTheCodeOfAnErrorAnswerAndNothingElse() {
    assertThat(FaxageErrors.code("ERR08: Unknown operation\nusername=u&password=p\n"))
        .isEqualTo("ERR08");
    assertThat(FaxageErrors.code("ERR11: No incoming faxes available\n")).isEqualTo("ERR11");
    assertThat(FaxageErrors.code("%PDF-1.7")).isNull();
    assertThat(FaxageErrors.code("51000001\t2026-11-27\t10:03:22\tERR\t5559870001")).isNull();
  }

  @Test
  void mapsEachDocumentedCodeByWhetherWaitingHelps() {
    assertThat(FaxageErrors.failure("ERR01", "listfax", "40123"))
        .isInstanceOf(ProviderException.Unavailable.class);
    assertThat(FaxageErrors.failure("ERR02", "listfax", "40123"))
        .isInstanceOf(ProviderException.AuthorizationRevoked.class)
        .hasMessageContaining("company 40123");
    assertThat(FaxageErrors.failure("ERR08", "listfax", "40123"))
        .isInstanceOf(ProviderException.Misconfigured.class);
    assertThat(FaxageErrors.failure("ERR77", "getfax of fax 5", "40123"))
        .isInstanceOf(ProviderException.Unavailable.class)
        .hasMessage("getfax of fax 5: Faxage answered ERR77");
  }
}
