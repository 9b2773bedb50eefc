package dev.faxbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
