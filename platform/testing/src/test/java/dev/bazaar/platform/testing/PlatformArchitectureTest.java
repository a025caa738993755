package dev.bazaar.platform.testing;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The chassis is technical only: it holds no domain type. (That it depends on no service is checked on the POMs.) */
@AnalyzeClasses(packages = "dev.bazaar.platform")
class PlatformArchitectureTest {

    @ArchTest
    static final ArchRule holdsNoDomainTypes = noClasses().that().resideInAPackage("dev.bazaar.platform..")
            .should().haveNameMatching(".*(Order|Product|Customer|Payment|Shipment|Stock|Reservation|Price|Cart|Sku|Card|Money).*")
            .as("the platform holds no domain types");
}
