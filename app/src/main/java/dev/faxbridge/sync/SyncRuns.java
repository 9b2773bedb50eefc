package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The last sync of each connection, for the operator: when it ran, how it ended, and the last
 * problem that ended one early (kept until the next problem, so a later clean run does not hide
 * when the connection last had trouble).
 */
@Repository
public class SyncRuns {

  /**
   * @param lastRunAt when the last run that did anything ended
   * @param lastOutcome how it ended ({@link SyncReport.Outcome})
   * @param lastError the last problem in a few words, null when there was none yet
   * @param lastErrorAt when that problem happened
   */
  public record LastRun(
      Instant lastRunAt, String lastOutcome, String lastError, Instant lastErrorAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  SyncRuns(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void finished(ConnectionId connection, SyncReport report) {
    if (report.outcome() == SyncReport.Outcome.SKIPPED) {
      return;
    }
    Timestamp now = Timestamp.from(clock.instant());
    String problem = report.problem() == null ? null : shorten(report.problem());
    jdbc.sql(
            """
            insert into connection_sync_run
                (connection_id, last_run_at, last_outcome, last_error, last_error_at)
            values (:id, :now, :outcome, cast(:problem as text), cast(:problemAt as timestamptz))
            on conflict (connection_id) do update set
                last_run_at = excluded.last_run_at,
                last_outcome = excluded.last_outcome,
                last_error = coalesce(excluded.last_error, connection_sync_run.last_error),
                last_error_at = coalesce(excluded.last_error_at, connection_sync_run.last_error_at)
            """)
        .param("id", connection.value())
        .param("now", now)
        .param("outcome", report.outcome().name())
        .param("problem", problem)
        .param("problemAt", problem == null ? null : now)
        .update();
  }

  public Optional<LastRun> last(ConnectionId connection) {
    return jdbc.sql("select * from connection_sync_run where connection_id = :id")
        .param("id", connection.value())
        .query(
            (rs, row) ->
                new LastRun(
                    rs.getTimestamp("last_run_at").toInstant(),
                    rs.getString("last_outcome"),
                    rs.getString("last_error"),
                    rs.getTimestamp("last_error_at") == null
                        ? null
                        : rs.getTimestamp("last_error_at").toInstant()))
        .optional();
  }

  private static String shorten(String problem) {
    return problem.length() <= 500 ? problem : problem.substring(0, 500) + "...";
  }
}
