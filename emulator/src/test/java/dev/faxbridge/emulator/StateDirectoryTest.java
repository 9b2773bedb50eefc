package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetMessageList;
import com.ringcentral.definitions.ListMessagesParameters;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An emulator with a state directory comes back after a restart (or a kill) as it was. */
class StateDirectoryTest {

  @TempDir Path state;

  @Test
  void appsAccountsCredentialsAndFaxesSurviveARestart() throws Exception {
    ClientApp app;
    Account account;
    Extension fax;
    String jwt;
    FaxMessage first;
    FaxMessage second;
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      app = emu.createApp("faxbridge");
      account = emu.createAccount("Clinic A");
      fax = emu.createExtension(account.id(), ExtensionSpec.faxUser("Front desk", "201"));
      jwt = emu.issueJwtCredential(account.id(), account.ownerExtensionId(), app.clientId());
      first =
          emu.deliverFax(account.id(), fax.id(), InboundFaxSpec.of("+15550001", "+15550002", 2));
      second =
          emu.deliverFax(account.id(), fax.id(), InboundFaxSpec.of("+15550003", "+15550002", 1));
      emu.markRead(account.id(), fax.id(), first.messageId());
      emu.delete(account.id(), fax.id(), second.messageId());
    }

    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      assertThat(emu.apps()).containsExactly(app);
      assertThat(emu.accounts()).containsExactly(account);
      assertThat(emu.extensions(account.id())).extracting(Extension::id).contains(fax.id());
      assertThat(emu.fax(account.id(), fax.id(), first.messageId())).isEqualTo(first);
      assertThat(emu.readStatus(account.id(), fax.id(), first.messageId())).isEqualTo("Read");
      assertThat(emu.availability(account.id(), fax.id(), second.messageId())).isEqualTo("Deleted");
      assertThat(emu.newestFaxTime(account.id())).contains(second.creationTime());

      RestClient sdk =
          new RestClient(app.clientId(), app.clientSecret(), emu.platformUrl().toString());
      sdk.authorize(jwt);
      GetMessageList list =
          sdk.restapi()
              .account()
              .extension(fax.id())
              .messageStore()
              .list(
                  new ListMessagesParameters()
                      .availability(new String[] {"Alive", "Deleted"})
                      .dateFrom(first.creationTime().minusSeconds(60).toString()));
      assertThat(list.records).hasSize(2);

      FaxMessage third =
          emu.deliverFax(account.id(), fax.id(), InboundFaxSpec.of("+15550004", "+15550002", 1));
      assertThat(Long.parseLong(third.messageId()))
          .isGreaterThan(Long.parseLong(second.messageId()));
    }
  }

  @Test
  void readStatusAndDeletionsMadeThroughTheApiSurviveARestart() throws Exception {
    Account account;
    FaxMessage read;
    FaxMessage purged;
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      ClientApp app = emu.createApp("faxbridge");
      account = emu.createAccount("Clinic A");
      String owner = account.ownerExtensionId();
      read = emu.deliverFax(account.id(), owner, InboundFaxSpec.of("+15550001", "+15550002", 1));
      purged = emu.deliverFax(account.id(), owner, InboundFaxSpec.of("+15550001", "+15550002", 1));
      RestClient sdk =
          new RestClient(app.clientId(), app.clientSecret(), emu.platformUrl().toString());
      sdk.authorize(emu.issueJwtCredential(account.id(), owner, app.clientId()));
      sdk.restapi()
          .account()
          .extension()
          .messageStore(read.messageId())
          .put(new com.ringcentral.definitions.UpdateMessageRequest().readStatus("Read"));
      sdk.restapi()
          .account()
          .extension()
          .messageStore(purged.messageId())
          .delete(
              new String[0], new com.ringcentral.definitions.DeleteMessageParameters().purge(true));
    }

    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      String owner = account.ownerExtensionId();
      assertThat(emu.readStatus(account.id(), owner, read.messageId())).isEqualTo("Read");
      assertThat(emu.availability(account.id(), owner, purged.messageId())).isEqualTo("Purged");
    }
  }

  @Test
  void idsOfFaxesDeliveredConcurrentlyAreTheSameAfterARestart() throws Exception {
    Account account;
    java.util.Set<FaxMessage> delivered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      account = emu.createAccount("Clinic A");
      Extension fax = emu.createExtension(account.id(), ExtensionSpec.faxUser("Fax", "201"));
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(8);
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String mailbox = i % 2 == 0 ? fax.id() : account.ownerExtensionId();
        int pages = 1 + i % 3;
        done.add(
            pool.submit(
                () ->
                    delivered.add(
                        emu.deliverFax(
                            account.id(),
                            mailbox,
                            InboundFaxSpec.of("+15550001", "+15550002", pages)))));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
    }

    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      for (FaxMessage fax : delivered) {
        assertThat(emu.fax(account.id(), fax.extensionId(), fax.messageId())).isEqualTo(fax);
      }
    }
  }

  @Test
  void aLineTornByAKillIsDroppedAndTheJournalStaysUsable() throws Exception {
    Account account;
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      account = emu.createAccount("Clinic A");
    }
    java.nio.file.Files.writeString(
        state.resolve("journal.jsonl"),
        "{\"op\":\"account\",\"id\":\"9",
        java.nio.file.StandardOpenOption.APPEND);

    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      emu.createAccount("Clinic B");
    }
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      assertThat(emu.accounts()).extracting(Account::name).containsExactly("Clinic A", "Clinic B");
      assertThat(emu.accounts().get(0)).isEqualTo(account);
    }
  }

  @Test
  void journalsWrittenBeforeIdsWereRecordedStillReplay() throws Exception {
    java.nio.file.Files.writeString(
        state.resolve("journal.jsonl"),
        """
        {"op":"account","name":"Clinic A"}
        {"op":"extension","accountId":"37439510","type":"FaxUser","name":"Fax","extensionNumber":"201","admin":false,"enabled":true}
        {"op":"fax","accountId":"37439510","extensionId":"62264426010","from":"+15550001","to":"+15550002","pageCount":2,"receivedAt":"2026-11-27T10:00:00Z","contentType":"application/pdf","minimumSize":0,"senderName":null}
        {"op":"read","accountId":"37439510","extensionId":"62264426010","messageId":"2000112004001"}
        """);

    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      assertThat(emu.accounts()).extracting(Account::name).containsExactly("Clinic A");
      assertThat(emu.readStatus("37439510", "62264426010", "2000112004001")).isEqualTo("Read");
    }
  }

  @Test
  void anAppsScopesAndGrantsSurviveARestart() throws Exception {
    AppSpec spec =
        AppSpec.named("narrow")
            .scopes(java.util.Set.of())
            .grants(java.util.EnumSet.of(AppSpec.Grant.JWT_BEARER));
    ClientApp app;
    Account account;
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      app = emu.createApp(spec);
      account = emu.createAccount("Clinic A");
    }
    try (RingCentralEmulator emu = RingCentralEmulator.builder().stateDirectory(state).start()) {
      RestClient sdk =
          new RestClient(app.clientId(), app.clientSecret(), emu.platformUrl().toString());
      com.ringcentral.definitions.TokenInfo token =
          sdk.authorize(
              emu.issueJwtCredential(account.id(), account.ownerExtensionId(), app.clientId()));

      assertThat(token.scope).isEmpty();
      assertThat(token.refresh_token).isNull();
    }
  }

  @Test
  void withoutAStateDirectoryNothingIsKept() {
    try (RingCentralEmulator emu = RingCentralEmulator.builder().start()) {
      emu.createAccount("Clinic A");
    }
    try (RingCentralEmulator emu = RingCentralEmulator.builder().start()) {
      assertThat(emu.accounts()).isEmpty();
    }
  }
}
