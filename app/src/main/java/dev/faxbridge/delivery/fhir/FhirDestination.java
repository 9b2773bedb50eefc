package dev.faxbridge.delivery.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import dev.faxbridge.delivery.DeliveryOutcome;
import dev.faxbridge.delivery.Destination;
import dev.faxbridge.delivery.FaxDocument;
import dev.faxbridge.delivery.FaxMetadata;
import dev.faxbridge.delivery.HttpFailures;
import dev.faxbridge.provider.DownloadedDocument;
import java.io.IOException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Posts one FHIR R4 transaction per fax ({@link FaxResources}). A repeat after a crash or a retry
 * creates nothing new: the server finds the DocumentReference by its identifier and answers with
 * the existing one, whose id becomes the delivered location.
 *
 * <p>The document travels base64-encoded inside the bundle, so it is held in memory; documents
 * above {@link FhirSettings#maxDocumentSize()} are refused with the reason, never read.
 */
public class FhirDestination implements Destination {

  private final FhirSettings settings;
  private final IGenericClient client;

  public FhirDestination(FhirSettings settings) {
    this.settings = settings;
    // The R4 model is scanned once per JVM; each destination has a client factory of its own,
    // because timeouts are settings of the factory.
    ApacheRestfulClientFactory clients = new ApacheRestfulClientFactory(FhirContext.forR4Cached());
    clients.setServerValidationMode(ServerValidationModeEnum.NEVER);
    clients.setConnectTimeout((int) settings.timeout().toMillis());
    clients.setConnectionRequestTimeout((int) settings.timeout().toMillis());
    clients.setSocketTimeout((int) settings.timeout().toMillis());
    client = clients.newGenericClient(baseUrl());
    if (settings.authentication() instanceof FhirSettings.Authentication.Basic basic) {
      client.registerInterceptor(new BasicAuthInterceptor(basic.username(), basic.password()));
    } else if (settings.authentication() instanceof FhirSettings.Authentication.Bearer bearer) {
      client.registerInterceptor(new BearerTokenAuthInterceptor(bearer.token()));
    }
  }

  @Override
  public DeliveryOutcome deliver(FaxDocument document) {
    return deliver(document.document(), FaxMetadata.of(document, settings.location()));
  }

  DeliveryOutcome deliver(DownloadedDocument document, FaxMetadata metadata) {
    Optional<DeliveryOutcome.Rejected> tooLarge =
        settings.maxDocumentSize().refusal(document, "FHIR");
    if (tooLarge.isPresent()) {
      return tooLarge.get();
    }
    Bundle transaction;
    try {
      transaction =
          FaxResources.transaction(
              metadata,
              settings.maxDocumentSize().read(document),
              baseUrl(),
              settings.identifierSystem());
    } catch (IOException e) {
      return new DeliveryOutcome.RetryLater(
          "Could not read the staged document: " + e.getClass().getSimpleName());
    }
    try {
      Bundle response = client.transaction().withBundle(transaction).execute();
      return delivered(response);
    } catch (FhirClientConnectionException e) {
      return new DeliveryOutcome.RetryLater(
          "The FHIR server at " + settings.baseUrl().getHost() + " could not be reached");
    } catch (BaseServerResponseException e) {
      return refused(e);
    }
  }

  private DeliveryOutcome delivered(Bundle response) {
    if (response.getEntry().size() != 2
        || !response.getEntry().get(1).getResponse().hasLocation()) {
      return new DeliveryOutcome.RetryLater(
          "The FHIR server answered the transaction without the DocumentReference's location");
    }
    IdType location = new IdType(response.getEntry().get(1).getResponse().getLocation());
    return new DeliveryOutcome.Delivered(location.toUnqualifiedVersionless().getValue());
  }

  private DeliveryOutcome refused(BaseServerResponseException e) {
    int status = e.getStatusCode();
    String answer =
        "The FHIR server at "
            + settings.baseUrl().getHost()
            + " answered HTTP "
            + status
            + diagnostics(e.getOperationOutcome());
    return HttpFailures.outcome(status, answer);
  }

  private static String diagnostics(IBaseOperationOutcome outcome) {
    if (!(outcome instanceof OperationOutcome operationOutcome)
        || operationOutcome.getIssue().isEmpty()) {
      return "";
    }
    OperationOutcome.OperationOutcomeIssueComponent issue = operationOutcome.getIssueFirstRep();
    String text = issue.hasDiagnostics() ? issue.getDiagnostics() : issue.getDetails().getText();
    if (text == null || text.isBlank()) {
      return "";
    }
    return ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
  }

  private String baseUrl() {
    String base = settings.baseUrl().toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
