package dev.faxbridge.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo's FHIR R4 server, in process at {@code /demo-fhir}: what a demo clinic's FHIR
 * destination posts its transactions to, and where a newcomer reads the resulting
 * DocumentReferences (behind the operator's credentials, like every path). It keeps resources in
 * memory (gone on restart) and honours the conditional create faxbridge relies on: a repeat of a
 * fax's transaction creates nothing new.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "faxbridge.demo.enabled", havingValue = "true")
class DemoFhirServer {

  static final String PATH = "/demo-fhir";

  @Bean
  Store demoFhirStore() {
    return new Store();
  }

  @Bean
  ServletRegistrationBean<RestfulServer> demoFhirServlet(Store store) {
    RestfulServer server = new RestfulServer(FhirContext.forR4Cached());
    server.registerProvider(store.transactions());
    server.setResourceProviders(store.documentReferences(), store.binaries());
    return new ServletRegistrationBean<>(server, PATH + "/*");
  }

  /** The resources received, by id; one lock for all, transactions apply whole. */
  public static final class Store {
    private final Map<String, DocumentReference> references = new LinkedHashMap<>();
    private final Map<String, Binary> binaries = new LinkedHashMap<>();

    synchronized List<DocumentReference> references() {
      return new ArrayList<>(references.values());
    }

    Object transactions() {
      return new Transactions();
    }

    IResourceProvider documentReferences() {
      return new Reader<>(DocumentReference.class, references);
    }

    IResourceProvider binaries() {
      return new Reader<>(Binary.class, binaries);
    }

    /** A PUT of a Binary at its id and a conditional POST of a DocumentReference. */
    public final class Transactions {
      @Transaction
      public Bundle transaction(@TransactionParam Bundle bundle) {
        synchronized (Store.this) {
          Bundle answer = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
          Map<String, Binary> newBinaries = new LinkedHashMap<>();
          Map<String, DocumentReference> newReferences = new LinkedHashMap<>();
          for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            answer.addEntry().setResponse(apply(entry, newBinaries, newReferences));
          }
          binaries.putAll(newBinaries);
          references.putAll(newReferences);
          return answer;
        }
      }

      private Bundle.BundleEntryResponseComponent apply(
          Bundle.BundleEntryComponent entry,
          Map<String, Binary> newBinaries,
          Map<String, DocumentReference> newReferences) {
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        if (request.getMethod() == Bundle.HTTPVerb.PUT && entry.getResource() instanceof Binary b) {
          String id = new IdType(request.getUrl()).getIdPart();
          newBinaries.put(id, (Binary) b.copy().setId(id));
          return created("Binary/" + id, !binaries.containsKey(id));
        }
        if (request.getMethod() == Bundle.HTTPVerb.POST
            && entry.getResource() instanceof DocumentReference reference) {
          String existing = matching(request.getIfNoneExist());
          if (existing != null) {
            return created("DocumentReference/" + existing, false);
          }
          String id = String.valueOf(references.size() + newReferences.size() + 1);
          newReferences.put(id, (DocumentReference) reference.copy().setId(id));
          return created("DocumentReference/" + id, true);
        }
        throw new InvalidRequestException(
            "The demo FHIR server takes PUT Binary and POST DocumentReference in a transaction");
      }

      /** The id of the DocumentReference an {@code identifier=system|value} condition names. */
      private String matching(String condition) {
        if (condition == null || !condition.contains("identifier=")) {
          return null;
        }
        String token =
            URLDecoder.decode(
                condition.substring(condition.indexOf("identifier=") + 11), StandardCharsets.UTF_8);
        for (Map.Entry<String, DocumentReference> stored : references.entrySet()) {
          for (Identifier identifier : stored.getValue().getIdentifier()) {
            if (token.equals(identifier.getSystem() + "|" + identifier.getValue())) {
              return stored.getKey();
            }
          }
        }
        return null;
      }

      private static Bundle.BundleEntryResponseComponent created(String location, boolean isNew) {
        return new Bundle.BundleEntryResponseComponent()
            .setStatus(isNew ? "201 Created" : "200 OK")
            .setLocation(location + "/_history/1");
      }
    }

    /** Read by id and list all, for one resource type. */
    public final class Reader<T extends IBaseResource> implements IResourceProvider {
      private final Class<T> type;
      private final Map<String, T> stored;

      Reader(Class<T> type, Map<String, T> stored) {
        this.type = type;
        this.stored = stored;
      }

      @Override
      public Class<T> getResourceType() {
        return type;
      }

      @Read
      public T read(@IdParam IdType id) {
        synchronized (Store.this) {
          T resource = stored.get(id.getIdPart());
          if (resource == null) {
            throw new ResourceNotFoundException(id);
          }
          return resource;
        }
      }

      @Search
      public List<T> all() {
        synchronized (Store.this) {
          return new ArrayList<>(stored.values());
        }
      }
    }
  }
}
