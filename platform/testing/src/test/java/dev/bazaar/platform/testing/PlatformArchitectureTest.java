package dev.bazaar.platform.testing;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The chassis is technical only: it knows no service and holds no domain type. */
@AnalyzeClasses(packages = "dev.bazaar.platform")
class PlatformArchitectureTest {

    @ArchTest
    static final ArchRule knowsNoService = noClasses().that().resideInAPackage("dev.bazaar.platform..")
            .should().dependOnClassesThat().resideInAnyPackage(ArchitectureRules.APPLICATIONS.stream()
                    .map(service -> "dev.bazaar." + service + "..").toArray(String[]::new))
            .as("the platform depends on no service");

    @ArchTest
    static final ArchRule holdsNoDomainTypes = noClasses().that().resideInAPackage("dev.bazaar.platform..")
            .should().haveNameMatching(".*(Order|Product|Customer|Payment|Shipment|Stock|Reservation|Price|Cart|Sku|Card|Money).*")
            .as("the platform holds no domain types");
}
