package dev.faxbridge.provider.ringcentral;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link LaneMemory} in the {@code rate_limit_lane} table: a lane's row is read when this node
 * first uses the lane (only a row written within the last {@link #RELEVANT} can still matter), and
 * writes replace the rows of the lanes that changed, in one batch.
 */
final class DatabaseLaneMemory implements LaneMemory {

  /** Longer than any window plus write period: older rows say nothing about the present. */
  static final Duration RELEVANT = Duration.ofMinutes(10);

  private final JdbcTemplate jdbc;
  private final Clock clock;

  DatabaseLaneMemory(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Optional<Remembered> recall(String app, String holder, RateLimitGroup group) {
    List<Remembered> found = new ArrayList<>();
    jdbc.query(
        """
        select app, holder, grp, sent_at, request_limit, window_ms, closed_until, written_at, clean
        from rate_limit_lane where app = ? and holder = ? and grp = ? and written_at > ?
        """,
        rs -> {
          List<Instant> sent = new ArrayList<>();
          Array array = rs.getArray("sent_at");
          if (array != null) {
            for (Object each : (Object[]) array.getArray()) {
              sent.add(((Timestamp) each).toInstant());
            }
          }
          Timestamp closed = rs.getTimestamp("closed_until");
          found.add(
              new Remembered(
                  rs.getString("app"),
                  rs.getString("holder"),
                  group,
                  sent,
                  rs.getInt("request_limit"),
                  Duration.ofMillis(rs.getLong("window_ms")),
                  closed == null ? null : closed.toInstant(),
                  rs.getTimestamp("written_at").toInstant(),
                  rs.getBoolean("clean")));
        },
        app,
        holder,
        group.name(),
        Timestamp.from(clock.instant().minus(RELEVANT)));
    return found.stream().findFirst();
  }

  @Override
  public boolean writtenBetween(Instant since, Instant until) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from rate_limit_lane where written_at > ? and written_at < ?)",
            Boolean.class,
            Timestamp.from(since),
            Timestamp.from(until)));
  }

  @Override
  public void remember(List<Remembered> lanes) {
    jdbc.batchUpdate(
        """
        insert into rate_limit_lane
          (app, holder, grp, sent_at, request_limit, window_ms, closed_until, written_at, clean)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (app, holder, grp) do update set
          sent_at = excluded.sent_at, request_limit = excluded.request_limit,
          window_ms = excluded.window_ms, closed_until = excluded.closed_until,
          written_at = excluded.written_at, clean = excluded.clean
        """,
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            Remembered lane = lanes.get(i);
            ps.setString(1, lane.app());
            ps.setString(2, lane.holder());
            ps.setString(3, lane.group().name());
            ps.setArray(
                4,
                ps.getConnection()
                    .createArrayOf(
                        "timestamptz",
                        lane.sent().stream().map(Timestamp::from).toArray(Timestamp[]::new)));
            ps.setInt(5, lane.limit());
            ps.setLong(6, lane.window().toMillis());
            ps.setTimestamp(
                7, lane.closedUntil() == null ? null : Timestamp.from(lane.closedUntil()));
            ps.setTimestamp(8, Timestamp.from(lane.writtenAt()));
            ps.setBoolean(9, lane.clean());
          }

          @Override
          public int getBatchSize() {
            return lanes.size();
          }
        });
  }
}
