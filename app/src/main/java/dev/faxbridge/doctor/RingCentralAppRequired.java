package dev.faxbridge.doctor;

import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.Provider;
import dev.faxbridge.provider.ringcentral.RingCentralSettings;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.stereotype.Component;

/**
 * The one setting check that needs the database: without a RingCentral app, faxbridge cannot renew
 * the tokens of the RingCentral connections it already has, so it does not start (rather than start
 * and report UP). Runs once the schema is migrated, before the web server opens.
 */
@Component
class RingCentralAppRequired implements InitializingBean {

  private final RingCentralSettings settings;
  private final Connections connections;

  RingCentralAppRequired(RingCentralSettings settings, Connections connections) {
    this.settings = settings;
    this.connections = connections;
  }

  @Override
  public void afterPropertiesSet() {
    if (settings.clientId() != null && !settings.clientId().isBlank()) {
      return;
    }
    long ringCentral;
    try {
      ringCentral =
          connections.all().stream()
              .filter(connection -> connection.provider() == Provider.RINGCENTRAL)
              .count();
    } catch (BadSqlGrammarException noSchemaYet) {
      return; // doctor on a database not migrated yet: it reports that itself
    }
    if (ringCentral > 0) {
      throw new WrongSetting(
          "faxbridge.ringcentral.client-id, faxbridge.ringcentral.client-secret",
          "(not set)",
          ringCentral
              + " RingCentral connection(s) exist, and faxbridge cannot renew their tokens without"
              + " its RingCentral app.",
          "Set FAXBRIDGE_RINGCENTRAL_CLIENT_ID and FAXBRIDGE_RINGCENTRAL_CLIENT_SECRET to the"
              + " credentials of the app the clinics authorized.");
    }
  }
}
