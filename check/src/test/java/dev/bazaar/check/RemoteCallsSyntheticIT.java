package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build written on the spot: a -> b -> c, a with a RestTemplate with timeouts and @CircuitBreaker and a
 * compensated two-step write, b with a Feign client with a fallback, c with JTA, and an edge composing with a deadline.
 */
class RemoteCallsSyntheticIT {

    @TempDir
    Path repo;

    @Test
    void chainFeignBreakersCompensationAndAnEdge() throws IOException {
        write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>shop</artifactId>"
                + "<version>1</version><packaging>pom</packaging><modules><module>a</module><module>b</module>"
                + "<module>c</module><module>edge</module></modules></project>");
        for (String m : List.of("a", "b", "c")) {
            write(m + "/pom.xml", pom(m, ""));
        }
        write("edge/pom.xml", pom("edge", "<dependencies><dependency><groupId>org.springframework.cloud</groupId>"
                + "<artifactId>spring-cloud-starter-gateway-server-webflux</artifactId></dependency></dependencies>"));
        // A gateway library makes an edge of a module that routes with it.
        write("edge/src/main/resources/application.yml", """
                spring.cloud.gateway.server.webflux.routes:
                  - id: a
                    uri: http://a
                """);
        write("a/src/main/java/a/AController.java", """
                package a;
                @RestController
                class AController {
                    private final AService service;
                    AController(AService service) { this.service = service; }
                    @GetMapping("/a")
                    String get() { return service.fetch(); }
                    @PostMapping("/two")
                    void two() { service.twoWrites(); }
                }
                """);
        write("a/src/main/java/a/AService.java", """
                package a;
                @Service
                class AService {
                    private final RestTemplate rest;
                    AService() {
                        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
                        factory.setConnectTimeout(1000);
                        factory.setReadTimeout(2000);
                        this.rest = new RestTemplate(factory);
                    }
                    @CircuitBreaker(name = "b", fallbackMethod = "cached")
                    String fetch() {
                        return rest.getForObject("http://b/items", String.class);
                    }
                    String cached(Throwable t) { return ""; }
                    @CircuitBreaker(name = "b")
                    void twoWrites() {
                        rest.postForObject("http://b/orders", "x", String.class);
                        try {
                            rest.put("http://c-service.shop.svc:8080/stock", "x");
                        } catch (RuntimeException e) {
                            rest.delete("http://b/orders");
                        }
                    }
                }
                """);
        write("b/src/main/java/b/BController.java", """
                package b;
                @RestController
                class BController {
                    private final CClient c;
                    BController(CClient c) { this.c = c; }
                    @PostMapping("/orders")
                    String create() { return c.reserve(); }
                }
                """);
        write("b/src/main/java/b/CClient.java", """
                package b;
                @FeignClient(name = "c", fallback = CClientFallback.class)
                interface CClient {
                    @PostMapping("/reservations")
                    String reserve();
                }
                """);
        write("b/src/main/resources/application.yml", """
                spring:
                  cloud:
                    openfeign:
                      client:
                        config:
                          default:
                            read-timeout: 2000
                      circuitbreaker.enabled: true
                """);
        write("c/src/main/java/c/CController.java", """
                package c;
                @RestController
                class CController {
                    @PostMapping("/reservations")
                    String reserve() { return "ok"; }
                }
                """);
        write("c/src/main/java/c/Ledger.java", """
                package c;
                import jakarta.transaction.UserTransaction;
                class Ledger { UserTransaction tx; }
                """);
        write("edge/src/main/java/e/Compose.java", """
                package e;
                @RestController
                class Compose {
                    private final WebClient web = WebClient.create("http://a");
                    @GetMapping("/both")
                    Mono<String> both() {
                        return web.get().uri("/a").retrieve().bodyToMono(String.class)
                                .timeout(Duration.ofSeconds(1)).onErrorResume(e -> Mono.just(""));
                    }
                }
                """);

        RemoteCalls calls = RemoteCalls.of(Build.read(repo).orElseThrow());

        assertThat(calls.sites()).extracting(s -> s.from().name() + " " + s.httpMethod() + " " + s.target())
                .containsExactly("a GET b", "a POST b", "a PUT c", "a DELETE b", "b POST c", "edge GET a");
        assertThat(calls.sites()).filteredOn(s -> s.from().name().equals("b")).singleElement().satisfies(s -> {
            assertThat(s.client()).isEqualTo("Feign CClient");
            assertThat(s.timeout()).contains("in the module's configuration", "application.yml:7");
            // A Feign fallback runs only behind Feign's breaker, which the settings turn on.
            assertThat(s.breaker()).isEqualTo("Feign's circuit breaker (spring.cloud.openfeign.circuitbreaker.enabled)");
            assertThat(s.fallback()).isEqualTo("the Feign client's fallback CClientFallback.class");
        });
        assertThat(calls.sites().get(0)).satisfies(s -> {
            assertThat(s.timeout()).isEqualTo("where the client is built (AService.java:5)");
            assertThat(s.breaker()).startsWith("in AService.fetch");
            assertThat(s.fallback()).isEqualTo("fallbackMethod cached of AService.fetch");
        });

        SignResult sync = SynchronousCommunication.analyse(calls);
        assertThat(sync.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sync.summary()).contains("3 of 4 business entry points (75%)", "longest chain 3: a -> b -> c");
        assertThat(sync.evidence()).anyMatch(e -> e.location().equals("a/src/main/java/a/AController.java:9")
                && e.text().equals("a AController.two waits on b, c (fan-out 2)"));
        assertThat(sync.evidence()).anyMatch(e -> e.location().equals("edge/src/main/java/e/Compose.java:7")
                && e.text().contains("edge (edge: depends on spring-cloud-starter-gateway-server-webflux)")
                && e.text().contains("to a: composition at the edge, allowed"));

        SignResult cascading = CascadingFailures.analyse(calls);
        assertThat(cascading.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(cascading.summary()).isEqualTo("6 protected call(s) (a -> b, a -> c, b -> c, edge -> a)");

        SignResult tx = TransactionsSpanningServices.analyse(calls);
        assertThat(tx.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(tx.summary()).isEqualTo("global transactions: c (XA/JTA)");
        assertThat(tx.evidence()).extracting(Evidence::location).contains("c/src/main/java/c/Ledger.java:2",
                "a/src/main/java/a/AController.java:9", "a/src/main/java/a/AService.java:21"); // the catch that undoes
        assertThat(tx.evidence()).anyMatch(e -> e.text().equals("a AController.two: 3 remote writes, compensated"));
    }

    @Test
    void targetsByApplicationNameFanOutOfOneRunAndAGatewayLibraryThatDoesNotRoute() throws IOException {
        write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>shop</artifactId>"
                + "<version>1</version><packaging>pom</packaging><modules><module>front</module><module>orders</module>"
                + "<module>billing</module></modules></project>");
        // A gateway library for a load-balanced client, and no route: a business service, not an edge.
        write("front/pom.xml", pom("front", "<dependencies><dependency><groupId>org.springframework.cloud</groupId>"
                + "<artifactId>spring-cloud-starter-gateway-server-webflux</artifactId></dependency></dependencies>"));
        write("orders/pom.xml", pom("orders", ""));
        write("billing/pom.xml", pom("billing", ""));
        // Several documents, as Spring reads them: the ones without a profile apply.
        write("orders/src/main/resources/application.yml", """
                spring.application.name: order-api
                ---
                spring.config.activate.on-profile: docker
                spring.application.name: orders-in-docker
                """);
        write("front/src/main/java/f/Front.java", """
                package f;
                @RestController
                class Front {
                    private final RestClient http = RestClient.builder().build();
                    @GetMapping("/pay")
                    String pay(boolean invoice) {
                        if (invoice) {
                            return http.get().uri("http://order-api/orders").retrieve().body(String.class);
                        } else {
                            return http.get().uri("http://billing/bills").retrieve().body(String.class);
                        }
                    }
                }
                """);

        RemoteCalls calls = RemoteCalls.of(Build.read(repo).orElseThrow());

        assertThat(calls.components()).filteredOn(c -> c.name().equals("front")).allMatch(c -> !c.isEdge());
        assertThat(calls.sites()).extracting(RemoteCalls.Site::target).containsExactly("orders", "billing");
        SignResult sync = SynchronousCommunication.analyse(calls);
        assertThat(sync.summary()).contains("widest: front Front.pay waits on 1");
        assertThat(sync.evidence()).anyMatch(e -> e.text().equals(
                "front Front.pay waits on billing, orders (fan-out 1, the others in exclusive branches)"));
    }

    @Test
    void aClientOfOnesOwnIsCountedWhenNamed() throws IOException {
        write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>shop</artifactId>"
                + "<version>1</version><packaging>pom</packaging><modules><module>front</module><module>orders</module>"
                + "</modules></project>");
        write("front/pom.xml", pom("front", ""));
        write("orders/pom.xml", pom("orders", ""));
        write("front/src/main/java/f/Front.java", """
                package f;
                @RestController
                class Front {
                    private final LegacyRpc rpc = new LegacyRpc("http://orders:8080");
                    @GetMapping("/orders")
                    String orders() {
                        return rpc.invoke("list");
                    }
                }
                """);
        Build build = Build.read(repo).orElseThrow();

        assertThat(RemoteCalls.of(build).sites()).isEmpty();
        assertThat(RemoteCalls.of(build, Set.of("LegacyRpc")).sites()).singleElement().satisfies(site -> {
            assertThat(site.client()).isEqualTo("LegacyRpc");
            assertThat(site.target()).isEqualTo("orders");
            assertThat(site.requestPath()).isTrue();
        });
    }

    @Test
    void aBreakerInACallerGuardsWhatItWrapsAndAFeignFallbackNeedsFeignsBreaker() throws IOException {
        write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>shop</artifactId>"
                + "<version>1</version><packaging>pom</packaging><modules><module>front</module><module>orders</module>"
                + "</modules></project>");
        write("front/pom.xml", pom("front", ""));
        write("orders/pom.xml", pom("orders", ""));
        write("front/src/main/java/f/Front.java", """
                package f;
                @RestController
                class Front {
                    private final Clients clients;
                    private final ReactiveCircuitBreakerFactory cbFactory;
                    private final OrdersClient feign;
                    @GetMapping("/x")
                    Mono<String> x() {
                        return clients.owner().flatMap(o -> clients.visits().transform(it -> {
                            ReactiveCircuitBreaker cb = cbFactory.create("visits");
                            return cb.run(it, t -> Mono.just(""));
                        }));
                    }
                    @GetMapping("/y")
                    String y() { return feign.orders(); }
                }
                """);
        write("front/src/main/java/f/Clients.java", """
                package f;
                class Clients {
                    private final WebClient web = WebClient.create("http://orders");
                    Mono<String> owner() { return web.get().uri("/owner").retrieve().bodyToMono(String.class); }
                    Mono<String> visits() { return web.get().uri("/visits").retrieve().bodyToMono(String.class); }
                }
                """);
        write("front/src/main/java/f/OrdersClient.java", """
                package f;
                @FeignClient(name = "orders", fallback = OrdersFallback.class)
                interface OrdersClient {
                    @GetMapping("/orders")
                    String orders();
                }
                """);
        write("front/src/main/java/f/Limits.java", """
                package f;
                @Configuration
                class Limits {
                    Object limits() { return TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(10)).build(); }
                }
                """);

        List<RemoteCalls.Site> sites = RemoteCalls.of(Build.read(repo).orElseThrow()).sites();

        assertThat(sites).filteredOn(site -> site.caller().equals("Clients.owner")).singleElement()
                .satisfies(site -> assertThat(site.breaker()).isNull()); // the breaker in x() guards the visits only
        assertThat(sites).filteredOn(site -> site.caller().equals("Clients.visits")).singleElement().satisfies(site -> {
            assertThat(site.breaker()).startsWith("in Front.x");
            assertThat(site.timeout()).isEqualTo("the breaker's time limiter (Limits.java:4)");
            assertThat(site.fallback()).isEqualTo("the breaker's fallback in Front.x");
        });
        // Feign's breaker is not turned on in the settings: its fallback never runs.
        assertThat(sites).filteredOn(site -> site.client().equals("Feign OrdersClient")).singleElement()
                .satisfies(site -> assertThat(site.breaker()).isNull());
    }

    @Test
    void chainsAndCyclesOfServices() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")));
        assertThat(SynchronousCommunication.longestChain(graph)).hasSize(3);
        assertThat(SynchronousCommunication.cycle(graph)).hasSize(4).startsWith("a").endsWith("a");
        assertThat(SynchronousCommunication.cycle(Map.of("a", Set.of("b")))).isEmpty();
    }

    private static String pom(String artifactId, String extra) {
        return "<project><modelVersion>4.0.0</modelVersion><parent><groupId>x</groupId><artifactId>shop</artifactId>"
                + "<version>1</version></parent><artifactId>" + artifactId + "</artifactId>" + extra
                + "<build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>"
                + "</project>";
    }

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
