package dev.faxbridge.delivery.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;

/**
 * A FHIR R4 server in the test JVM on a real port: HAPI's {@code RestfulServer} with an in-memory
 * store that runs transactions atomically and honours conditional create ({@code ifNoneExist} on
 * {@code identifier}) and update at a client-assigned id, as a real server does.
 */
public final class InMemoryFhirServer implements AutoCloseable {

  private final Tomcat tomcat = new Tomcat();
  private final Map<String, Binary> binaries = new LinkedHashMap<>();
  private final Map<String, DocumentReference> documentReferences = new LinkedHashMap<>();
  private final List<Bundle> transactions = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private int failWith;

  public InMemoryFhirServer(Path baseDir) throws LifecycleException {
    RestfulServer servlet = new RestfulServer(FhirContext.forR4Cached());
    servlet.registerProvider(new Transactions());
    tomcat.setBaseDir(baseDir.toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "fhir", servlet);
    context.addServletMappingDecoded("/fhir/*", "fhir");
    tomcat.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir");
  }

  /** Answers every following transaction with this status (500 or 422); 0 to stop failing. */
  public synchronized void failWith(int status) {
    failWith = status;
  }

  public synchronized List<Binary> binaries() {
    return List.copyOf(binaries.values());
  }

  public synchronized List<DocumentReference> documentReferences() {
    return List.copyOf(documentReferences.values());
  }

  public synchronized List<Bundle> transactions() {
    return List.copyOf(transactions);
  }

  public synchronized List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void close() throws LifecycleException {
    tomcat.stop();
    tomcat.destroy();
  }

  /** The system-level transaction operation. */
  public final class Transactions {

    @Transaction
    public Bundle transaction(@TransactionParam Bundle input, HttpServletRequest request) {
      synchronized (InMemoryFhirServer.this) {
        authorizations.add(String.valueOf(request.getHeader("Authorization")));
        transactions.add(input);
        if (failWith == 500) {
          throw new InternalErrorException("The document store is offline");
        }
        if (failWith == 422) {
          throw new UnprocessableEntityException("DocumentReference.status is not allowed here");
        }
        // Work on copies and commit at the end, so a failing entry changes nothing.
        Map<String, Binary> newBinaries = new LinkedHashMap<>(binaries);
        Map<String, DocumentReference> newReferences = new LinkedHashMap<>(documentReferences);
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (Bundle.BundleEntryComponent entry : input.getEntry()) {
          response.addEntry().setResponse(apply(entry, newBinaries, newReferences));
        }
        binaries.clear();
        binaries.putAll(newBinaries);
        documentReferences.clear();
        documentReferences.putAll(newReferences);
        return response;
      }
    }

    private Bundle.BundleEntryResponseComponent apply(
        Bundle.BundleEntryComponent entry,
        Map<String, Binary> newBinaries,
        Map<String, DocumentReference> newReferences) {
      Bundle.BundleEntryRequestComponent request = entry.getRequest();
      if (request.getMethod() == Bundle.HTTPVerb.PUT && entry.getResource() instanceof Binary b) {
        String id = request.getUrl().substring("Binary/".length());
        boolean existed = newBinaries.containsKey(id);
        newBinaries.put(id, (Binary) b.copy().setId("Binary/" + id));
        return new Bundle.BundleEntryResponseComponent()
            .setStatus(existed ? "200 OK" : "201 Created")
            .setLocation("Binary/" + id + "/_history/1");
      }
      if (request.getMethod() == Bundle.HTTPVerb.POST
          && entry.getResource() instanceof DocumentReference reference) {
        String match = matchingId(request.getIfNoneExist(), newReferences);
        if (match != null) {
          return new Bundle.BundleEntryResponseComponent()
              .setStatus("200 OK")
              .setLocation("DocumentReference/" + match + "/_history/1");
        }
        String id = String.valueOf(newReferences.size() + 1);
        newReferences.put(
            id, (DocumentReference) reference.copy().setId("DocumentReference/" + id));
        return new Bundle.BundleEntryResponseComponent()
            .setStatus("201 Created")
            .setLocation("DocumentReference/" + id + "/_history/1");
      }
      throw new InvalidRequestException(
          "This server takes PUT Binary and POST DocumentReference only");
    }

    private String matchingId(String ifNoneExist, Map<String, DocumentReference> references) {
      if (ifNoneExist == null || ifNoneExist.isBlank()) {
        return null;
      }
      String query = ifNoneExist.contains("?") ? ifNoneExist.split("\\?", 2)[1] : ifNoneExist;
      if (!query.startsWith("identifier=")) {
        throw new InvalidRequestException("Only identifier conditions are supported");
      }
      String[] token =
          URLDecoder.decode(query.substring("identifier=".length()), StandardCharsets.UTF_8)
              .split("\\|", 2);
      for (Map.Entry<String, DocumentReference> stored : references.entrySet()) {
        for (Identifier identifier : stored.getValue().getIdentifier()) {
          if (token[0].equals(identifier.getSystem()) && token[1].equals(identifier.getValue())) {
            return stored.getKey();
          }
        }
      }
      return null;
    }
  }
}
