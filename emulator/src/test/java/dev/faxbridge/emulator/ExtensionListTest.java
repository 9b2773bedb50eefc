package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetExtensionListInfoResponse;
import com.ringcentral.definitions.GetExtensionListResponse;
import com.ringcentral.definitions.ListExtensionsParameters;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExtensionListTest {

  private final Clinic clinic = new Clinic();

  @AfterEach
  void stop() {
    clinic.close();
  }

  @Test
  void listsEveryExtensionOfTheAccountWithSpecFields() throws Exception {
    Extension fax =
        clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.faxUser("Fax", "201"));
    clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.user("Dr. Who", "102"));
    clinic.emu.createExtension(
        clinic.emu.createAccount("Other").id(), ExtensionSpec.user("X", "102"));

    GetExtensionListResponse list = clinic.loginAsOwner().restapi().account().extension().list();

    assertThat(list.records).hasSize(3);
    GetExtensionListInfoResponse owner = list.records[0];
    assertThat(owner.id).isEqualTo(Long.parseLong(clinic.owner()));
    assertThat(owner.extensionNumber).isEqualTo("101");
    assertThat(owner.type).isEqualTo("User");
    assertThat(owner.status).isEqualTo("Enabled");
    assertThat(owner.permissions.admin.enabled).isTrue();
    assertThat(owner.uri)
        .isEqualTo(
            clinic.emu.platformUrl()
                + "/restapi/v1.0/account/"
                + clinic.account.id()
                + "/extension/"
                + clinic.owner());
    assertThat(Arrays.stream(list.records).map(r -> r.id)).contains(Long.parseLong(fax.id()));
    assertThat(list.paging.totalElements).isEqualTo(3L);
  }

  @Test
  void accountAndOwnExtensionTellAJwtClientWhereItIs() throws Exception {
    var rc = clinic.loginAsOwner();

    var account = rc.restapi().account().get();
    var me = rc.restapi().account().extension().get();

    assertThat(account.id).isEqualTo(Long.parseLong(clinic.account.id()));
    assertThat(me.id).isEqualTo(Long.parseLong(clinic.owner()));
    assertThat(me.account.id).isEqualTo(clinic.account.id());
    assertThat(me.permissions.admin.enabled).isTrue();
  }

  @Test
  void filtersByTypeAndStatus() throws Exception {
    clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.faxUser("Fax", "201"));
    clinic.emu.createExtension(
        clinic.account.id(), ExtensionSpec.faxUser("Old fax", "202").disabled());
    clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.department("Front desk", "300"));
    RestClient rc = clinic.loginAsOwner();

    GetExtensionListResponse faxUsers =
        rc.restapi()
            .account()
            .extension()
            .list(new ListExtensionsParameters().type(new String[] {"FaxUser"}));
    GetExtensionListResponse enabledFaxUsers =
        rc.restapi()
            .account()
            .extension()
            .list(
                new ListExtensionsParameters()
                    .type(new String[] {"FaxUser"})
                    .status(new String[] {"Enabled"}));

    assertThat(faxUsers.records).extracting(r -> r.name).containsExactly("Fax", "Old fax");
    assertThat(enabledFaxUsers.records).extracting(r -> r.name).containsExactly("Fax");
  }

  @Test
  void pagesThroughExtensionsWithNavigationLinks() throws Exception {
    for (int i = 0; i < 4; i++) {
      clinic.emu.createExtension(clinic.account.id(), ExtensionSpec.user("User " + i, "20" + i));
    }
    RestClient rc = clinic.loginAsOwner();

    GetExtensionListResponse first =
        rc.restapi().account().extension().list(new ListExtensionsParameters().perPage(2L));
    GetExtensionListResponse last =
        rc.get(first.navigation.lastPage.uri)
            .string()
            .transform(s -> com.ringcentral.Utils.gson.fromJson(s, GetExtensionListResponse.class));

    assertThat(first.records).hasSize(2);
    assertThat(first.paging.page).isEqualTo(1L);
    assertThat(first.paging.totalPages).isEqualTo(3L);
    assertThat(first.paging.totalElements).isEqualTo(5L);
    assertThat(first.navigation.nextPage.uri).contains("page=2").contains("perPage=2");
    assertThat(first.navigation.previousPage).isNull();
    assertThat(last.records).hasSize(1);
    assertThat(last.paging.page).isEqualTo(3L);
    assertThat(last.paging.pageStart).isEqualTo(4L);
    assertThat(last.navigation.nextPage).isNull();
  }
}
