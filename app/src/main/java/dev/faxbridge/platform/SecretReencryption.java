package dev.faxbridge.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-seals every stored secret with the keyset's current primary key, one table per transaction,
 * rows locked while they are rewritten, so it can run next to a live faxbridge. Idempotent: run it
 * again after an interruption.
 */
@Component
public class SecretReencryption {

  private static final Logger log = LoggerFactory.getLogger(SecretReencryption.class);

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final TransactionTemplate transactions;
  private final List<SealedColumn> columns;

  SecretReencryption(
      JdbcClient jdbc,
      SecretBox secrets,
      TransactionTemplate transactions,
      List<SealedColumn> columns) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.transactions = transactions;
    this.columns = columns;
  }

  /** Re-encrypts everything; returns how many secrets were rewritten. */
  public int reencryptAll() {
    int total = 0;
    for (SealedColumn column : columns) {
      Integer count = transactions.execute(status -> reencrypt(column));
      log.info(
          "Re-encrypted {} secrets in {}.{}", count, column.table(), column.ciphertextColumn());
      total += count == null ? 0 : count;
    }
    return total;
  }

  private int reencrypt(SealedColumn column) {
    List<Map<String, Object>> rows = sealedRows(column, " for update");
    for (Map<String, Object> row : rows) {
      String owner = (String) row.get("owner");
      byte[] resealed = secrets.seal(secrets.open((byte[]) row.get("sealed"), owner), owner);
      jdbc.sql(
              "update "
                  + column.table()
                  + " set "
                  + column.ciphertextColumn()
                  + " = :sealed where ctid = cast(:ref as tid)")
          .param("sealed", resealed)
          .param("ref", row.get("row_ref"))
          .update();
    }
    return rows.size();
  }

  /** What {@link #openAll()} found: how many values opened, and the rows whose value did not. */
  public record Opened(int opened, List<String> unreadable) {}

  /**
   * Opens every sealed value without changing it: whether the configured keyset can read all that
   * is stored. Unreadable values are named by table and owning row id.
   */
  public Opened openAll() {
    int opened = 0;
    List<String> unreadable = new ArrayList<>();
    for (SealedColumn column : columns) {
      for (Map<String, Object> row : sealedRows(column, "")) {
        try {
          secrets.open((byte[]) row.get("sealed"), (String) row.get("owner"));
          opened++;
        } catch (RuntimeException e) {
          unreadable.add(column.table() + " " + row.get("owner"));
        }
      }
    }
    return new Opened(opened, List.copyOf(unreadable));
  }

  private List<Map<String, Object>> sealedRows(SealedColumn column, String lock) {
    return jdbc.sql(
            "select ctid::text as row_ref, "
                + column.ownerColumn()
                + "::text as owner, "
                + column.ciphertextColumn()
                + " as sealed from "
                + column.table()
                + " where "
                + column.ciphertextColumn()
                + " is not null"
                + lock)
        .query()
        .listOfRows();
  }

  public List<SealedColumn> columns() {
    return columns;
  }
}
