package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bazaar: no business service calls another synchronously; the gateway, storefront and console are edges. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteCallsBazaarIT {

    private static final List<String> SERVICES =
            List.of("identity", "catalog", "customer", "inventory", "ordering", "payment", "fulfillment");
    private static final String COMPOSED = "gateway/src/main/java/dev/bazaar/gateway/ComposedAnswers.java";
    private static final String STOREFRONT = "storefront/src/main/java/dev/bazaar/storefront/api/Gateway.java";

    private final RemoteCalls calls = RemoteCalls.of(Build.read(Repositories.bazaar()).orElseThrow());

    @Test
    void theEdgesAreTheOnlyCallers() {
        assertThat(calls.components()).filteredOn(RemoteCalls.Component::isEdge)
                .extracting(RemoteCalls.Component::name).containsExactlyInAnyOrder("gateway", "console", "storefront");
        assertThat(calls.sites()).isNotEmpty().allMatch(s -> s.from().isEdge());
        assertThat(calls.sites()).filteredOn(s -> s.file().equals(STOREFRONT)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.target()).isIn("gateway", "console"));
    }

    @Test
    void synchronousCommunicationIsClear() {
        SignResult sign = SynchronousCommunication.analyse(calls);
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).startsWith("no business service waits on another: none of ")
                .endsWith("calls at the edge, allowed: console, gateway, storefront");
        for (String service : SERVICES) {
            assertThat(sign.evidence()).anyMatch(e -> e.text().startsWith(service + ": ")
                    && e.text().endsWith("entry points, none waits on another service"));
        }
        assertThat(sign.evidence()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo(COMPOSED);
            assertThat(e.line()).isPositive();
            assertThat(e.text()).contains("gateway (edge: depends on spring-cloud-starter-gateway", "allowed");
        });
        assertThat(sign.evidence()).anyMatch(e -> e.file().equals(STOREFRONT) && e.text().contains("to console, gateway"));
        assertThat(sign.evidence()).anyMatch(e -> e.file().endsWith("console/traces/RecentOrders.java"));
        assertThat(sign.evidence()).anyMatch(e -> e.file().endsWith("console/metrics/Scraper.java"));
    }

    @Test
    void cascadingFailuresShowWhatTheCodeDoes() {
        SignResult sign = CascadingFailures.analyse(calls);
        // The gateway's composition has a deadline, a breaker and a fallback per part; the console's reads of
        // Zipkin and of the processes' metrics a timeout and an answer when they fail.
        assertThat(sign.evidence()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo(COMPOSED);
            assertThat(e.text()).startsWith("CLEAR gateway ComposedAnswers.fetch")
                    .endsWith("timeout in the call; circuit breaker in the call; fallback: onErrorResume in the call");
        });
        assertThat(sign.evidence()).filteredOn(e -> e.file().startsWith("console/"))
                .hasSize(2).allMatch(e -> e.text().startsWith("CLEAR console "));
        // The storefront's client to the gateway has connect and read timeouts, and every call runs through
        // Gateway.call's breaker (this check found it missing at first, a warning; the storefront got one).
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.evidence()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo(STOREFRONT);
            assertThat(e.text()).startsWith("CLEAR ").contains("storefront Gateway.* -> gateway (RestClient",
                    "timeout where the client is built (Gateway.java:", "circuit breaker in Gateway.call, which runs it");
        });
        assertThat(sign.evidence()).noneMatch(e -> e.text().startsWith("PRESENT"));
    }

    @Test
    void noTransactionSpansServices() {
        SignResult sign = TransactionsSpanningServices.analyse(calls);
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).containsPattern("^\\d+ @Transactional methods, none reaches a remote call; "
                + "no XA/JTA or two-phase commit, no distributed lock");
        assertThat(calls.transactionalMethods()).hasSizeGreaterThan(SERVICES.size());
        for (String service : SERVICES) {
            assertThat(sign.evidence()).anyMatch(e -> e.file().equals("services/" + service + "/pom.xml")
                    && e.text().endsWith("@Transactional methods, none reaches a remote call"));
        }
    }
}
