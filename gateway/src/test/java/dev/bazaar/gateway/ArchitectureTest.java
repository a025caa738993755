package dev.bazaar.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The gateway stays reactive and owns nothing. */
@AnalyzeClasses(packages = "dev.bazaar.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * One blocked event-loop thread stalls every request it carries. The shared rate-limit store is the one user of
     * JDBC, and it runs its calls on the bounded elastic scheduler, never on the event loop.
     */
    @ArchTest
    static final ArchRule neverBlocks = noClasses().that().resideInAPackage("dev.bazaar.gateway..")
            .and().doNotBelongToAnyOf(PostgresBuckets.class)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..",
                    "org.springframework.web.client..", "java.net.http..")
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .as("the gateway never blocks: no JDBC, no blocking HTTP client, no sleep");

    @ArchTest
    static final ArchRule holdsNoDomainTypes = noClasses().that().resideInAPackage("dev.bazaar.gateway..")
            .should().haveNameMatching(".*(Order|Product|Customer|Payment|Shipment|Stock|Reservation|Cart|Card|Money).*")
            .as("the gateway holds no domain types: it routes, it does not know what it carries");
}
