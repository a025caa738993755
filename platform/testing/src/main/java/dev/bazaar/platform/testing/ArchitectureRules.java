package dev.bazaar.platform.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules that keep a service a service. Each service applies them to itself in an ArchUnit test:
 * <pre>
 * &#64;AnalyzeClasses(packages = "dev.bazaar.catalog")
 * class ArchitectureTest {
 *     &#64;ArchTest ArchRule plain = ArchitectureRules.domainIsPlainJava("dev.bazaar.catalog");
 *     &#64;ArchTest ArchRule alone = ArchitectureRules.domainKnowsNoApplicationOrAdapter("dev.bazaar.catalog");
 *     &#64;ArchTest ArchRule time = ArchitectureRules.domainTakesTimeAndChanceFromOutside("dev.bazaar.catalog");
 * }
 * </pre>
 * That no service depends on another's code is not an ArchUnit rule (a service cannot even see another's classes):
 * the build checks that no application's POM depends on another application (platform-topology's RepositoryMapIT).
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /**
     * The domain (every package of the service except the root, {@code application} and
     * {@code adapter} packages) is plain Java: no framework, no persistence, no messaging, no chassis. The chassis'
     * {@code crypto} package is the one exception: plain Java itself (the JDK and Nimbus, which a domain may use), it is
     * how card keys do their X25519.
     */
    public static ArchRule domainIsPlainJava(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .and().resideOutsideOfPackages(servicePackage, "..application..", "..adapter..")
                .should().dependOnClassesThat(resideInAnyPackage(
                        "org.springframework..", "jakarta..", "tools.jackson..", "com.fasterxml..",
                        "org.apache.kafka..", "java.sql..", "javax.sql..", "dev.bazaar.platform..")
                        .and(not(resideInAPackage("dev.bazaar.platform.crypto"))))
                .as("the domain of " + servicePackage + " is plain Java, free of Spring, Jakarta, Jackson, Kafka, JDBC and the chassis"
                        + " (but for its plain-Java crypto)");
    }

    /**
     * The domain stands on its own: it knows neither the application services that drive it nor the adapters that
     * store and carry it.
     */
    public static ArchRule domainKnowsNoApplicationOrAdapter(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .and().resideOutsideOfPackages(servicePackage, "..application..", "..adapter..")
                .should().dependOnClassesThat().resideInAnyPackage(servicePackage + "..application..", servicePackage + "..adapter..")
                .as("the domain of " + servicePackage + " knows no application service and no adapter");
    }

    /**
     * The domain takes time and chance from outside (an injected Clock, ids handed in), so that its rules can be
     * tested at any instant and replayed to the same result.
     */
    public static ArchRule domainTakesTimeAndChanceFromOutside(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .and().resideOutsideOfPackages(servicePackage, "..application..", "..adapter..")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callConstructor(Random.class)
                .orShould().callMethod(Math.class, "random")
                .as("the domain of " + servicePackage + " reads no clock and draws no random numbers of its own");
    }
}
