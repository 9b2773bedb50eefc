package dev.faxbridge.console;

import dev.faxbridge.connection.ConnectionId;
import dev.faxbridge.connection.Connections;
import dev.faxbridge.connection.ProviderConnection;
import dev.faxbridge.fax.FaxLedger;
import dev.faxbridge.fax.InboundFax;
import dev.faxbridge.tenant.Tenant;
import dev.faxbridge.tenant.Tenants;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Finds what a console URL or form names: a clinic by slug, and only that clinic's connections and
 * faxes. Anything unknown, malformed or of another clinic is the same 404.
 */
@Component
class ClinicLookup {

  private final Tenants tenants;
  private final Connections connections;
  private final FaxLedger ledger;

  ClinicLookup(Tenants tenants, Connections connections, FaxLedger ledger) {
    this.tenants = tenants;
    this.connections = connections;
    this.ledger = ledger;
  }

  Tenant clinic(String slug) {
    return tenants
        .findBySlug(slug == null ? "" : slug)
        .orElseThrow(() -> notFound("No clinic '" + slug + "'"));
  }

  ProviderConnection connection(Tenant clinic, String id) {
    Optional<ProviderConnection> found = Optional.empty();
    try {
      found = connections.find(ConnectionId.parse(id));
    } catch (IllegalArgumentException e) {
      // not an id: the same answer as an unknown one
    }
    return found
        .filter(connection -> connection.tenantId().equals(clinic.id()))
        .orElseThrow(() -> notFound(clinic.name() + " has no connection " + id));
  }

  InboundFax fax(Tenant clinic, String id) {
    Optional<InboundFax> found = Optional.empty();
    try {
      found = ledger.find(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      // not an id: the same answer as an unknown one
    }
    return found
        .filter(fax -> fax.tenantId().equals(clinic.id()))
        .orElseThrow(() -> notFound(clinic.name() + " has no fax " + id));
  }

  private static ResponseStatusException notFound(String reason) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, reason);
  }
}
