package dev.faxbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.faxbridge.sync.ProviderBoundaryProbe;
import org.junit.jupiter.api.Test;

/** The package-by-feature boundaries, checked rather than hoped for. */
class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.faxbridge");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("dev.faxbridge.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void theProviderAndDestinationContractsArePlainJava() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.faxbridge.provider", "dev.faxbridge.delivery")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(CLASSES);
  }

  /**
   * The engine, the ledger and the destinations know providers only through the SPI in {@code
   * dev.faxbridge.provider}: no class of theirs refers to a provider's own package.
   */
  static final ArchRule ENGINE_NAMES_NO_PROVIDER =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.faxbridge.sync..", "dev.faxbridge.fax..", "dev.faxbridge.delivery..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.faxbridge.provider.*..")
          .because("each provider is reached through the provider SPI (ADR 0018)");

  @Test
  void theEngineTheLedgerAndTheDestinationsNameNoProvider() {
    ENGINE_NAMES_NO_PROVIDER.check(CLASSES);
  }

  @Test
  void theBoundaryRuleCatchesASyncClassThatImportsAProvider() {
    JavaClasses probe = new ClassFileImporter().importClasses(ProviderBoundaryProbe.class);
    EvaluationResult result = ENGINE_NAMES_NO_PROVIDER.evaluate(probe);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(line -> line.contains("provider.ringcentral.RingCentralOnboarding"))
        .anyMatch(line -> line.contains("provider.faxage.FaxageSettings"));
  }

  @Test
  void onlyTheOperatorApiTheConsoleAndTheDemoSitAboveEverything() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.faxbridge.admin..", "dev.faxbridge.console..", "dev.faxbridge.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.faxbridge.admin..", "dev.faxbridge.console..", "dev.faxbridge.demo..")
        .check(CLASSES);
  }
}
