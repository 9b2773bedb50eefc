package dev.faxbridge.provider.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.ConnectionStatus;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.connection.TestBed;
import dev.faxbridge.emulator.LoggedRequest;
import dev.faxbridge.sync.SyncConnection;
import dev.faxbridge.sync.SyncReport;
import dev.faxbridge.testing.Clinic;
import dev.faxbridge.testing.Emulators;
import dev.faxbridge.testing.FaxbridgeInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tokens are kept alive on their own, and refreshed once per connection across all nodes. */
class TokenLifeTest {

  @RegisterExtension static final Emulators EMULATORS = Emulators.started();

  @Test
  void aConnectionLeftIdleForTenDaysIsStillActiveAndSyncs() {
    TestBed bed = TestBed.create(EMULATORS);
    Clinic clinic = bed.clinic("Riverside");
    try (FaxbridgeInstance faxbridge = bed.start()) {
      ConnectionId connection =
          TestBed.connectJwt(faxbridge, TestBed.createTenant(faxbridge, "riverside"), clinic.jwt());
      // Without its credential, only the refresh-token chain can keep this connection alive.
      EMULATORS.ringCentral().revokeJwtCredential(clinic.jwt());
      RefreshIdleTokens keepAlive = faxbridge.bean(RefreshIdleTokens.class);

      for (int day = 1; day <= 10; day++) {
        EMULATORS.ringCentral().clock().advance(Duration.ofDays(1));
        assertThat(keepAlive.run()).as("refreshed on day %d", day).isEqualTo(1);
      }
      EMULATORS.ringCentral().clock().advance(Duration.ofHours(20));
      clinic.receiveFax(1, 2);
      SyncReport report = faxbridge.bean(SyncConnection.class).run(connection);

      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(report.delivered()).isEqualTo(1);
      assertThat(faxbridge.bean(Connections.class).get(connection).status())
          .isEqualTo(ConnectionStatus.ACTIVE);
    }
  }

  @Test
  void theKeepAliveLeavesRecentlyUsedRefreshTokensAlone() {
    TestBed bed = TestBed.create(EMULATORS);
    Clinic clinic = bed.clinic("Lakeview");
    try (FaxbridgeInstance faxbridge = bed.start()) {
      TestBed.connectJwt(faxbridge, TestBed.createTenant(faxbridge, "lakeview"), clinic.jwt());
      EMULATORS.ringCentral().clock().advance(Duration.ofHours(23));
      EMULATORS.ringCentral().clearRequestLog();

      assertThat(faxbridge.bean(RefreshIdleTokens.class).run()).isZero();
      assertThat(tokenCalls()).isEmpty();
    }
  }

  @Test
  void twoInstancesRenewingTheSameConnectionAtOnceMakeExactlyOneRefreshCall() throws Exception {
    TestBed bed = TestBed.create(EMULATORS);
    Clinic clinic = bed.clinic("Hillcrest");
    clinic.receiveFax(0, 1);
    clinic.receiveFax(1, 1);
    try (FaxbridgeInstance first = bed.start();
        FaxbridgeInstance second = bed.startSecondNode()) {
      ConnectionId id =
          TestBed.connectJwt(first, TestBed.createTenant(first, "hillcrest"), clinic.jwt());
      EMULATORS.ringCentral().clock().advance(Duration.ofMinutes(58));
      EMULATORS.ringCentral().clearRequestLog();

      Set<String> tokens = concurrently(8, first, second, id);

      assertThat(tokens).as("every caller got the same, new access token").hasSize(1);
      assertThat(tokenCalls()).as("token endpoint calls").hasSize(1);

      assertThat(first.bean(SyncConnection.class).run(id).delivered()).isEqualTo(2);
      assertThat(second.bean(SyncConnection.class).run(id).outcome())
          .isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(EMULATORS.ringCentral().requestLog())
          .as("no request was refused (OAU-213) after the refresh")
          .allSatisfy(r -> assertThat(r.status()).isLessThan(400));
      assertThat(tokenCalls()).hasSize(1);
    }
  }

  @Test
  void twoInstancesRunningTheKeepAliveAtOnceRefreshOnce() throws Exception {
    TestBed bed = TestBed.create(EMULATORS);
    Clinic clinic = bed.clinic("Maple");
    try (FaxbridgeInstance first = bed.start();
        FaxbridgeInstance second = bed.startSecondNode()) {
      TestBed.connectJwt(first, TestBed.createTenant(first, "maple"), clinic.jwt());
      EMULATORS.ringCentral().clock().advance(Duration.ofDays(2));
      EMULATORS.ringCentral().clearRequestLog();
      CyclicBarrier together = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<Integer> a =
            pool.submit(() -> awaitThen(together, () -> first.bean(RefreshIdleTokens.class).run()));
        Future<Integer> b =
            pool.submit(
                () -> awaitThen(together, () -> second.bean(RefreshIdleTokens.class).run()));

        assertThat(a.get() + b.get()).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
      assertThat(tokenCalls()).hasSize(1);
    }
  }

  private Set<String> concurrently(
      int callersPerNode, FaxbridgeInstance first, FaxbridgeInstance second, ConnectionId id)
      throws Exception {
    CyclicBarrier together = new CyclicBarrier(callersPerNode * 2);
    ExecutorService pool = Executors.newFixedThreadPool(callersPerNode * 2);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (FaxbridgeInstance node : List.of(first, second)) {
        RingCentralSession session = node.bean(RingCentralSession.class);
        ProviderConnection connection = node.bean(Connections.class).get(id);
        for (int i = 0; i < callersPerNode; i++) {
          results.add(
              pool.submit(() -> awaitThen(together, () -> session.accessToken(connection))));
        }
      }
      Set<String> tokens = new java.util.HashSet<>();
      for (Future<String> result : results) {
        tokens.add(result.get());
      }
      return tokens;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T awaitThen(CyclicBarrier barrier, Callable<T> work) throws Exception {
    barrier.await();
    return work.call();
  }

  private static List<LoggedRequest> tokenCalls() {
    return EMULATORS.ringCentral().requestLog().stream()
        .filter(r -> r.path().equals("/restapi/oauth/token"))
        .collect(Collectors.toList());
  }
}
