package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bazaar itself: each service its own database, and only technical modules shared. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BazaarCheckTest {

    private static final List<String> SERVICES =
            List.of("identity", "catalog", "customer", "inventory", "ordering", "payment", "fulfillment");

    private final Scorecard card = Check.run(Repositories.bazaar());

    @Test
    void findsTheServicesButNotTheSample() {
        Build build = Build.read(Repositories.bazaar()).orElseThrow();
        assertThat(build.services()).extracting(Build.Module::artifactId)
                .containsAll(SERVICES).contains("gateway", "console", "storefront")
                .doesNotContain("platform-chassis", "launcher", "order-service");
        assertThat(build.separateBuilds()).extracting(build::relative).contains("samples/distributed-monolith");
        assertThat(card.notes()).anySatisfy(n -> assertThat(n).startsWith("samples/distributed-monolith left out"));
    }

    @Test
    void eachServiceHasItsOwnDatabase() {
        SignResult sign = card.result(Sign.SHARED_DATABASE);
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.evidence()).hasSize(SERVICES.size());
        for (String service : SERVICES) {
            assertThat(sign.evidence()).filteredOn(e -> e.text().startsWith(service + ": database " + service + ","))
                    .singleElement().satisfies(e -> {
                        assertThat(e.file()).isEqualTo("topology.yaml");
                        assertThat(e.line()).isPositive();
                    });
        }
        assertThat(sign.summary()).contains("no database found: gateway, console, storefront");
    }

    @Test
    void sharesOnlyTechnicalModules() {
        SignResult sign = card.result(Sign.SHARED_LIBRARIES);
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.evidence()).extracting(Evidence::text)
                .anyMatch(t -> t.startsWith("platform-chassis (") && t.contains("allowed, technical"))
                .anyMatch(t -> t.startsWith("platform-topology (") && t.contains("allowed, technical"))
                .anyMatch(t -> t.startsWith("platform-testing (") && t.contains("allowed, technical"))
                .anyMatch(t -> t.startsWith("contracts (") && t.contains("published language"))
                .noneMatch(t -> t.contains("(business noun '"));
    }

    @Test
    void passesAsAWhole() {
        assertThat(card.exitCode()).isZero();
        assertThat(card.results()).hasSize(7);
        assertThat(card.results()).filteredOn(r -> r.verdict() == Verdict.NOT_ANALYSED).hasSize(5)
                .allSatisfy(r -> assertThat(r.summary()).isEqualTo("not built yet"));
        assertThat(card.text()).contains("2   Shared database or data models           CLEAR");
        assertThat(card.json()).contains("\"verdict\" : \"CLEAR\"", "\"exitCode\" : 0");
    }
}
