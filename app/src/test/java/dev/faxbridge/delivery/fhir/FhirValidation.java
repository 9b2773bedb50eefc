package dev.faxbridge.delivery.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** HAPI's instance validator with the R4 core profiles, built once (it is slow to start). */
public final class FhirValidation {

  private static final FhirContext R4 = FhirContext.forR4Cached();
  private static final FhirValidator VALIDATOR = R4.newValidator();

  static {
    ValidationSupportChain support =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(R4),
            new SnapshotGeneratingValidationSupport(R4),
            new InMemoryTerminologyServerValidationSupport(R4),
            new CommonCodeSystemsTerminologyService(R4));
    VALIDATOR.registerValidatorModule(new FhirInstanceValidator(support));
  }

  private FhirValidation() {}

  /** The validator's errors and fatal findings about a resource; empty when it is valid. */
  public static List<String> errors(IBaseResource resource) {
    return VALIDATOR.validateWithResult(resource).getMessages().stream()
        .filter(
            m ->
                m.getSeverity() == ResultSeverityEnum.ERROR
                    || m.getSeverity() == ResultSeverityEnum.FATAL)
        .map(SingleValidationMessage::toString)
        .toList();
  }
}
