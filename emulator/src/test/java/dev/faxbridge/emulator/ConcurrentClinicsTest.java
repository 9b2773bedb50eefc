package dev.faxbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetMessageInfoResponse;
import com.ringcentral.definitions.ListMessagesParameters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentClinicsTest {

  @Test
  void clinicsSyncingInParallelWhileFaxesArriveSeeEveryFaxOnceAndNoErrors() throws Exception {
    try (RingCentralEmulator emu = RingCentralEmulator.builder().clock(Clock.systemUTC()).start()) {
      emu.rateLimitsEnabled(false);
      ClientApp app = emu.createApp("faxbridge");
      List<Account> accounts = new ArrayList<>();
      List<String> jwts = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Account account = emu.createAccount("Clinic " + i);
        accounts.add(account);
        jwts.add(emu.issueJwtCredential(account.id(), account.ownerExtensionId(), app.clientId()));
      }
      java.util.Map<String, Set<String>> first = new java.util.HashMap<>();
      for (Account account : accounts) { // readers always find something to download
        first.put(
            account.id(),
            Set.of(
                emu.deliverFax(
                        account.id(),
                        account.ownerExtensionId(),
                        InboundFaxSpec.of("+15551230001", "+15559870001", 1))
                    .messageId()));
      }
      ExecutorService pool = Executors.newFixedThreadPool(12);
      try {
        List<Future<Set<String>>> expected = new ArrayList<>();
        for (Account account : accounts) {
          expected.add(
              pool.submit(
                  () -> {
                    Set<String> ids = new HashSet<>(first.get(account.id()));
                    for (int f = 1; f < 10; f++) {
                      ids.add(
                          emu.deliverFax(
                                  account.id(),
                                  account.ownerExtensionId(),
                                  InboundFaxSpec.of("+15551230001", "+15559870001", 1 + f % 3))
                              .messageId());
                    }
                    return ids;
                  }));
        }
        List<Future<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
          String jwt = jwts.get(i);
          readers.add(
              pool.submit(
                  () -> {
                    RestClient rc =
                        new RestClient(
                            app.clientId(), app.clientSecret(), emu.platformUrl().toString());
                    rc.authorize(jwt);
                    int downloads = 0;
                    for (int round = 0; round < 5; round++) {
                      for (GetMessageInfoResponse r :
                          rc.restapi()
                              .account()
                              .extension()
                              .messageStore()
                              .list(new ListMessagesParameters().perPage(1000L))
                              .records) {
                        assertThat((long) rc.get(r.attachments[0].uri).bytes().length)
                            .isEqualTo(r.attachments[0].size);
                        downloads++;
                      }
                    }
                    return downloads;
                  }));
        }
        int downloads = 0;
        for (Future<Integer> reader : readers) {
          downloads += reader.get(); // rethrows a reader's failed size check or HTTP error
        }
        assertThat(downloads).isPositive();
        for (int i = 0; i < accounts.size(); i++) {
          Set<String> delivered = expected.get(i).get();
          RestClient rc =
              new RestClient(app.clientId(), app.clientSecret(), emu.platformUrl().toString());
          rc.authorize(jwts.get(i));
          Set<String> listed = new HashSet<>();
          for (GetMessageInfoResponse r :
              rc.restapi().account().extension().messageStore().list().records) {
            listed.add(Long.toString(r.id));
          }
          assertThat(listed).isEqualTo(delivered);
        }
        assertThat(emu.requestLog()).extracting(LoggedRequest::status).allMatch(s -> s == 200);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
