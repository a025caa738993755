package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bazaar itself: each service its own database, and only technical modules shared. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BazaarCheckIT {

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
        assertThat(sign.evidence()).hasSize(SERVICES.size()); // the tables add no evidence when none is shared
        for (String service : SERVICES) {
            assertThat(sign.evidence()).filteredOn(e -> e.text().startsWith(service + ": database " + service + ","))
                    .singleElement().satisfies(e -> {
                        assertThat(e.file()).isEqualTo("topology.yaml");
                        assertThat(e.line()).isPositive();
                    });
        }
        assertThat(sign.summary()).contains("no database found: gateway, console, storefront");
        // The chassis' tables (an outbox, an inbox) are named by every service, each in its own database.
        assertThat(sign.summary()).containsPattern("tables: \\d+ table\\(s\\) named by 7 service\\(s\\), \\d+ name\\(s\\) used by "
                + "several services each in its own database, not shared");
    }

    @Test
    void sharesOnlyTechnicalModulesAndCopiesNoCode() {
        SignResult sign = card.result(Sign.SHARED_LIBRARIES);
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.evidence()).extracting(Evidence::text)
                .anyMatch(t -> t.startsWith("platform-chassis (") && t.contains("allowed, technical"))
                .anyMatch(t -> t.startsWith("platform-topology (") && t.contains("allowed, technical"))
                .anyMatch(t -> t.startsWith("platform-testing (") && t.contains("allowed, technical"))
                .anyMatch(t -> t.startsWith("contracts (") && t.contains("published language"))
                .noneMatch(t -> t.contains("(business noun '"));
        // Customer used to repeat identity's rule for e-mail addresses (lookalikes refused): the one copy it found.
        assertThat(sign.evidence()).noneSatisfy(e -> assertThat(e.file()).contains("/src/main/java/"));
    }

    @Test
    void passesAsAWhole() {
        assertThat(card.results()).hasSize(7);
        // Sign 7 reads git history, which a shallow clone (some CI checkouts) does not have: then it says so.
        assertThat(card.results()).filteredOn(r -> r.sign() != Sign.RELEASE_COUPLING)
                .allSatisfy(r -> assertThat(r.verdict()).as(r.sign() + ": " + r.summary()).isEqualTo(Verdict.CLEAR));
        assertThat(card.result(Sign.CASCADING_FAILURES).evidence()).extracting(Evidence::text)
                .anyMatch(t -> t.contains("storefront Gateway.* -> gateway") && t.contains("circuit breaker in Gateway.call"));
        SignResult history = card.result(Sign.RELEASE_COUPLING);
        if (history.verdict() == Verdict.NOT_ANALYSED) {
            assertThat(history.summary()).containsAnyOf("shallow", "not a git repository");
        } else {
            // Ordering and payment once came out coupled (34-38%), from commits that adopted a tracer or a messaging
            // change in several builds at once: technical sweeps, now left out of the pairs and the share.
            assertThat(history.verdict()).as(history.summary()).isEqualTo(Verdict.CLEAR);
            assertThat(history.summary()).contains("no pair of services changes together often enough");
            java.util.regex.Matcher share = java.util.regex.Pattern.compile("change 2\\+ services \\((\\d+)%\\)")
                    .matcher(history.summary());
            assertThat(share.find()).as(history.summary()).isTrue();
            assertThat(Integer.parseInt(share.group(1))).isLessThan(Rules.MULTI_SERVICE_PRESENT_PERCENT);
        }
        assertThat(card.exitCode()).isZero();
        assertThat(card.text()).contains("2   Shared database or data models           CLEAR");
        assertThat(card.json()).contains("\"verdict\" : \"CLEAR\"", "\"exitCode\" : 0");
    }

    @Test
    void itsGraphHasNoSynchronousEdgeBetweenServicesOnlyMessagesAndTheEdgesCalls() {
        DependencyGraph graph = card.graph();
        assertThat(graph.nodes()).filteredOn(DependencyGraph.Node::edge).extracting(DependencyGraph.Node::name)
                .containsExactlyInAnyOrder("console", "gateway", "storefront");
        assertThat(graph.nodes()).filteredOn(n -> !n.edge()).extracting(DependencyGraph.Node::name)
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(graph.edges()).filteredOn(DependencyGraph.Edge::synchronous)
                .allSatisfy(e -> assertThat(List.of("console", "gateway", "storefront")).as(e.toString()).contains(e.from()))
                .anySatisfy(e -> {
                    assertThat(e.from() + "->" + e.to()).isEqualTo("gateway->ordering");
                    assertThat(e.seenIn()).isEqualTo("topology.yaml");
                });
        assertThat(graph.edges()).filteredOn(e -> !e.synchronous()).anySatisfy(e -> {
            assertThat(e.from() + "->" + e.to()).isEqualTo("ordering->payment");
            assertThat(e.label()).isEqualTo("ordering.events");
        });

        String html = HtmlReport.html(card);
        assertThat(html).contains("<svg id=\"dependency-graph\"", "<text x=", ">ordering</text>",
                "<path class=\"async\"", "<path class=\"sync\"", "No sign of a distributed monolith is present.");
    }
}
