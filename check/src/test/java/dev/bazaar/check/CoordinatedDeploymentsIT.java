package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign 3 on the sample (a depends_on chain, one tag), on Bazaar (waits only for infrastructure) and written builds. */
class CoordinatedDeploymentsIT {

    @TempDir
    Path dir;

    @Test
    void theSampleStartsItsServicesInAChainAndTagsThemAlike() {
        SignResult sign = analyse(Repositories.sample());
        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).startsWith("4 services; 5 start-order dependencies between services (longest chain: "
                + "order-service -> payment-service -> product-service -> user-service); "
                + "all 4 service images tagged 1.0.0 (released as one unit)");
        assertThat(sign.evidence()).extracting(Evidence::location, Evidence::text).contains(
                org.assertj.core.groups.Tuple.tuple("docker-compose.yml:39",
                        "product-service depends_on user-service: it cannot start before user-service has"),
                org.assertj.core.groups.Tuple.tuple("docker-compose.yml:50",
                        "payment-service depends_on product-service: it cannot start before product-service has"),
                org.assertj.core.groups.Tuple.tuple("docker-compose.yml:65",
                        "order-service depends_on payment-service: it cannot start before payment-service has"),
                org.assertj.core.groups.Tuple.tuple("docker-compose.yml:23",
                        "user-service image example-shop/user-service:1.0.0"));
        // Waiting for postgres is not coupling between services.
        assertThat(sign.evidence()).extracting(Evidence::text).noneMatch(t -> t.contains("depends_on postgres"));
    }

    @Test
    void bazaarsServicesWaitOnlyForInfrastructure() {
        SignResult sign = analyse(Repositories.bazaar());
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).startsWith("10 services, none waits for another at start: only for infrastructure "
                + "(kafka, postgres)");
        for (String service : List.of("identity", "catalog", "customer", "inventory", "ordering", "payment",
                "fulfillment")) {
            assertThat(sign.evidence()).filteredOn(e -> e.text().startsWith(service + " ")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.file()).isEqualTo("topology.yaml");
                        assertThat(e.line()).isPositive();
                        assertThat(e.text()).isEqualTo(service + " waits-for only infrastructure: postgres, kafka");
                    });
        }
        assertThat(sign.evidence()).extracting(Evidence::text).contains("gateway waits for nothing");
    }

    @Test
    void oneExplicitTagForEveryImageIsAWarning() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            repo.write("compose.yaml", """
                    services:
                      db:
                        image: postgres:17
                      a:
                        image: shop/a:2.3.0
                        depends_on:
                          db:
                            condition: service_healthy
                      b:
                        image: shop/b:2.3.0
                        depends_on: [db]
                    """);
        }
        SignResult sign = analyse(dir);
        assertThat(sign.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(sign.summary()).startsWith("2 services; all 2 service images tagged 2.3.0 (released as one unit)");
        assertThat(sign.evidence()).extracting(Evidence::location).containsExactly("compose.yaml:5", "compose.yaml:10");
    }

    @Test
    void aKubernetesInitContainerWaitingForAnotherServiceIsPresent() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            repo.write("deploy/k8s.yaml", """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: b
                    spec:
                      template:
                        spec:
                          containers:
                            - name: b
                              image: shop/b:1.4.2
                    ---
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: a
                    spec:
                      template:
                        spec:
                          initContainers:
                            - name: wait
                              image: busybox
                              command: [sh, -c, "until nc -z b 8080; do sleep 1; done"]
                          containers:
                            - name: a
                              image: shop/a:1.7.0
                    """);
        }
        SignResult sign = analyse(dir);
        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.evidence()).extracting(Evidence::location, Evidence::text).contains(
                org.assertj.core.groups.Tuple.tuple("deploy/k8s.yaml:20",
                        "a init container waits for b: it cannot start before b has"));
    }

    @Test
    void imageTagsThatMoveTogetherInHistoryArePresent() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            for (int version = 1; version <= 6; version++) {
                repo.write("compose.yaml", "services:\n  a:\n    image: shop/a:1." + version
                        + "\n  b:\n    image: shop/b:2." + version + "\n").commit("release " + version);
            }
        }
        SignResult sign = analyse(dir);
        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).isEqualTo("2 services; service image tags changed together in 5 of 5 releases (100%)");
        assertThat(sign.evidence()).anySatisfy(e -> assertThat(e.text()).isEqualTo("release 6 (image tags of a, b)"));
    }

    @Test
    void noDeploymentDescriptorIsNotAnalysed() throws Exception {
        GitRepos.shop(dir).close();
        SignResult sign = analyse(dir);
        assertThat(sign.verdict()).isEqualTo(Verdict.NOT_ANALYSED);
        assertThat(sign.summary()).startsWith("no deployment descriptor that runs a service");
    }

    private static SignResult analyse(Path dir) {
        return CoordinatedDeployments.analyse(Build.read(dir).orElseThrow(), Optional.empty());
    }
}
