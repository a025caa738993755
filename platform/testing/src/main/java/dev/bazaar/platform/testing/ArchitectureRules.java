package dev.bazaar.platform.testing;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;
import dev.bazaar.platform.topology.Component;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules that keep a service a service. Each service applies them to itself in an ArchUnit test:
 * <pre>
 * &#64;AnalyzeClasses(packages = "dev.bazaar.catalog")
 * class ArchitectureTest {
 *     &#64;ArchTest ArchRule domain = ArchitectureRules.domainIsPlainJava("dev.bazaar.catalog");
 *     &#64;ArchTest ArchRule alone = ArchitectureRules.dependsOnNoOtherService("dev.bazaar.catalog");
 * }
 * </pre>
 */
public final class ArchitectureRules {

    /** Every application of topology.yaml (the services and the gateway); one may depend on none but itself. */
    public static final List<String> APPLICATIONS = TopologyConformance.topology().applications().stream()
            .map(Component::name).toList();

    private ArchitectureRules() {
    }

    /**
     * The domain (every package of the service except the root, {@code application} and
     * {@code adapter} packages) is plain Java: no framework, no persistence, no messaging, no chassis.
     */
    public static ArchRule domainIsPlainJava(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .and().resideOutsideOfPackages(servicePackage, "..application..", "..adapter..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta..", "tools.jackson..", "com.fasterxml..",
                        "org.apache.kafka..", "java.sql..", "javax.sql..", "dev.bazaar.platform..")
                .as("the domain of " + servicePackage + " is plain Java, free of Spring, Jakarta, Jackson, Kafka, JDBC and the chassis");
    }

    /** A service neither imports another service's code nor names its classes. */
    public static ArchRule dependsOnNoOtherService(String servicePackage) {
        String[] others = APPLICATIONS.stream()
                .map(service -> "dev.bazaar." + service + "..")
                .filter(other -> !other.equals(servicePackage + ".."))
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .as(servicePackage + " depends on no other service");
    }
}
