package dev.faxbridge.sync;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.provider.Acknowledgement;
import dev.faxbridge.tenant.TenantId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each tenant's choice of acknowledgement at the source, kept on the tenant row. */
@Repository
public class SourceAcknowledgements {

  private final JdbcClient jdbc;

  SourceAcknowledgements(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Acknowledgement of(TenantId tenant) {
    return jdbc.sql("select source_acknowledgement from tenant where id = :id")
        .param("id", tenant.value())
        .query(String.class)
        .optional()
        .map(Acknowledgement::valueOf)
        .orElse(Acknowledgement.NONE);
  }

  /**
   * The acknowledgement owed for a fax of this connection once delivered: the connection's own
   * choice when it has one (a Faxage connection always does), else its tenant's.
   */
  public Acknowledgement of(TenantId tenant, ConnectionId connection) {
    return jdbc.sql("select source_acknowledgement from provider_connection where id = :id")
        .param("id", connection.value())
        .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
        .optional()
        .flatMap(mode -> mode)
        .map(Acknowledgement::valueOf)
        .orElseGet(() -> of(tenant));
  }

  /**
   * Sets the tenant's acknowledgement. It applies to faxes delivered from now on; faxes delivered
   * before keep what was chosen when they were delivered.
   *
   * @return false when there is no such tenant
   */
  public boolean set(TenantId tenant, Acknowledgement acknowledgement) {
    return jdbc.sql("update tenant set source_acknowledgement = :mode where id = :id")
            .param("mode", acknowledgement.name())
            .param("id", tenant.value())
            .update()
        == 1;
  }
}
