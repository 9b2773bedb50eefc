package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetExtensionListResponse;
import org.junit.jupiter.api.Test;

class DemoTest {

  @Test
  void aKeptStateIsReusedNotSeededTwice(@org.junit.jupiter.api.io.TempDir java.nio.file.Path state)
      throws Exception {
    Demo first;
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      first = Demo.seedOrReuse(emu);
    }
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      Demo again = Demo.seedOrReuse(emu);

      assertThat(again.app()).isEqualTo(first.app());
      assertThat(again.clinics())
          .extracting(Demo.Clinic::account)
          .containsExactlyElementsOf(first.clinics().stream().map(Demo.Clinic::account).toList());
      RestClient rc =
          new RestClient(
              again.app().clientId(), again.app().clientSecret(), emu.platformUrl().toString());
      rc.authorize(first.clinics().get(0).jwt());
      rc.authorize(again.clinics().get(0).jwt());
    }
  }

  @Test
  void seededClinicsLogInWithTheirJwtAndSeeTheirOwnExtensionsOnly() throws Exception {
    try (RingCentralEmulator emu = RingCentralEmulator.builder().start()) {
      Demo demo = Demo.seed(emu);

      assertThat(demo.clinics()).hasSize(2);
      for (Demo.Clinic clinic : demo.clinics()) {
        RestClient rc =
            new RestClient(
                demo.app().clientId(), demo.app().clientSecret(), emu.platformUrl().toString());
        rc.authorize(clinic.jwt());
        GetExtensionListResponse extensions = rc.restapi().account().extension().list();

        assertThat(rc.token.owner_id).isEqualTo(clinic.account().ownerExtensionId());
        assertThat(extensions.records)
            .extracting(r -> r.uri)
            .allMatch(uri -> uri.contains("/account/" + clinic.account().id() + "/"));
        assertThat(extensions.records).extracting(r -> r.type).contains("FaxUser", "Department");
        assertThat(extensions.records).extracting(r -> r.status).contains("Disabled");
        assertThat(clinic.faxMailboxes()).extracting(Extension::extensionNumber).contains("201");
      }
    }
  }
}
