package dev.faxbridge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every value of every text-like and binary column of every table, as text (bytea: printable bytes
 * as is): what a dump of the database would show.
 */
public final class DatabaseScan {

  /** One stored value and the column it is in ({@code table.column}). */
  public record Value(String column, String text) {}

  private DatabaseScan() {}

  public static List<Value> everyValue(JdbcClient jdbc) {
    List<Map<String, Object>> columns =
        jdbc.sql(
                """
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = 'public'
                  and data_type in ('text', 'character varying', 'bytea', 'jsonb', 'json', 'character')
                """)
            .query()
            .listOfRows();
    if (columns.size() < 40) {
      throw new IllegalStateException("only " + columns.size() + " columns: not the whole schema");
    }
    List<Value> values = new ArrayList<>();
    for (Map<String, Object> column : columns) {
      String table = (String) column.get("table_name");
      String name = (String) column.get("column_name");
      String expression =
          column.get("data_type").equals("bytea")
              ? "encode(\"" + name + "\", 'escape')"
              : "\"" + name + "\"::text";
      jdbc.sql(
              "select " + expression + " from \"" + table + "\" where \"" + name + "\" is not null")
          .query(String.class)
          .list()
          .forEach(text -> values.add(new Value(table + "." + name, text)));
    }
    return values;
  }
}
