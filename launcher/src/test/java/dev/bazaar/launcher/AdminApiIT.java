package dev.bazaar.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bazaar.audit.AuditReport;
import dev.bazaar.audit.AuditReport.Rule;
import dev.bazaar.audit.DeadLetter;
import dev.bazaar.platform.topology.Component;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The launcher's side of the /admin contract (helper-brief-3): {@link Platform#audit()}, dead letters and the
 * projection rebuild over real HTTP, against small servers on the loopback that answer in the contract's
 * shapes, page as the services do (at most {@value #SERVER_PAGE} items here, so that paging is exercised),
 * or fail: payment answers 500, identity, catalog, customer and fulfillment do not run at all.
 */
class AdminApiIT {

    private static final int SERVER_PAGE = 2;
    private static final Instant NOW = Instant.now();

    private static final List<HttpServer> servers = new ArrayList<>();
    private static final List<String> posts = Collections.synchronizedList(new ArrayList<>());
    private static Platform platform;

    @BeforeAll
    static void startTheServices() throws IOException {
        Map<String, List<String>> ordering = new HashMap<>();
        ordering.put("/admin/orders", List.of(
                order("o-1", "DELIVERED", "BOOK-001", 2, null),
                order("o-2", "CANCELLED", "BOOK-001", 1, null),
                order("o-3", "PENDING", "TECH-001", 1, "\"" + NOW.plusSeconds(600) + "\"")));
        ordering.put("/admin/dead-letters", List.of("""
                {"id":7,"topic":"inventory.events","partition":0,"offset":42,"key":"o-9","eventId":"e-9",
                 "eventType":"StockReserved","error":"boom","deadAt":"2026-03-01T12:00:00+00:00","status":"NEW"}"""));
        Map<String, List<String>> inventory = new HashMap<>();
        inventory.put("/admin/stock", List.of(
                "{\"sku\":\"BOOK-001\",\"onHand\":98,\"reserved\":0,\"available\":98,\"initial\":100,\"received\":0,\"committed\":2}",
                "{\"sku\":\"TECH-001\",\"onHand\":10,\"reserved\":1,\"available\":9,\"initial\":10,\"received\":0,\"committed\":0}"));
        inventory.put("/admin/reservations", List.of(
                "{\"orderId\":\"o-1\",\"status\":\"COMMITTED\",\"lines\":[{\"sku\":\"BOOK-001\",\"quantity\":2}],\"expiresAt\":null}",
                "{\"orderId\":\"o-2\",\"status\":\"RELEASED\",\"lines\":[{\"sku\":\"BOOK-001\",\"quantity\":1}]}",
                "{\"orderId\":\"o-3\",\"status\":\"HELD\",\"lines\":[{\"sku\":\"TECH-001\",\"quantity\":1}]}",
                // Of no order ordering knows: read after the last order's range.
                "{\"orderId\":\"o-9\",\"status\":\"RELEASED\",\"lines\":[{\"sku\":\"BOOK-001\",\"quantity\":1}]}"));
        inventory.put("/admin/dead-letters", List.of());

        LauncherConfig.Builder config = LauncherConfig.builder(LauncherConfig.findRepoRoot(Path.of("")))
                .home(Path.of("target", "admin-api-it").toAbsolutePath());
        config.port("ordering", serve(exchange -> list(exchange, ordering)));
        config.port("inventory", serve(exchange -> list(exchange, inventory)));
        config.port("payment", serve(exchange -> new Answer(500,
                "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,\"detail\":\"database down\"}")));
        for (String down : List.of("identity", "catalog", "customer", "fulfillment", "gateway")) {
            config.port(down, closedPort());
        }
        platform = Platform.open(config.build());
    }

    @AfterAll
    static void stopTheServices() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void theAuditReadsEveryPageAndReportsWhatItCannotReadAsViolations() {
        AuditReport report = platform.audit();

        assertThat(report.ordersByStatus()).containsEntry("DELIVERED", 1).containsEntry("CANCELLED", 1).containsEntry("PENDING", 1);
        assertThat(report.reservations()).isEqualTo(4);
        assertThat(report.skus()).isEqualTo(2);
        assertThat(report.skusComparedWithOrders()).isEqualTo(1);
        assertThat(report.unreachable()).containsExactly("catalog", "customer", "fulfillment", "identity", "payment");
        assertThat(report.violations()).extracting(AuditReport.Violation::toString).containsExactlyInAnyOrder(
                "catalog: unreachable (not running ('./bazaar restart catalog' starts it)); its dead letters not checked",
                "customer: unreachable (not running ('./bazaar restart customer' starts it)); its dead letters not checked",
                "fulfillment: unreachable (not running ('./bazaar restart fulfillment' starts it)); its dead letters not checked",
                "identity: unreachable (not running ('./bazaar restart identity' starts it)); its dead letters not checked",
                "payment: unreachable (answered GET /admin/payments?size=1000&through=o-2 with 500: Internal Server Error — database down); "
                        + "payments and payment's dead letters not checked",
                "ordering dead letter 7: NEW, StockReserved e-9 from inventory.events[0]@42 at 2026-03-01T12:00:00Z: boom "
                        + "('./bazaar dlq ordering redrive|discard 7')");
        assertThat(report.violations()).extracting(AuditReport.Violation::rule).containsOnly(Rule.SERVICE_REACHABLE, Rule.NO_NEW_DEAD_LETTER);
    }

    @Test
    void deadLettersOfOneServiceAreReadInTheContractsShape() {
        List<DeadLetter> letters = platform.deadLetters("ordering");

        assertThat(letters).containsExactly(new DeadLetter("ordering", "7", "inventory.events", 0, 42, "o-9", "e-9", "StockReserved",
                "boom", Instant.parse("2026-03-01T12:00:00Z"), "NEW"));
        assertThat(platform.deadLetters("inventory")).isEmpty();
    }

    @Test
    void deadLettersOfEveryServiceNeedEveryServiceUp() {
        assertThatThrownBy(() -> platform.deadLetters())
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessage("identity unreachable: not running ('./bazaar restart identity' starts it)")
                .satisfies(e -> assertThat(((ServiceUnreachableException) e).service()).isEqualTo("identity"));
    }

    @Test
    void aDeadLetterIsRedrivenOrDiscardedThroughItsService() {
        platform.redriveDeadLetter("ordering", "7");
        platform.discardDeadLetter("inventory", "a b");

        assertThat(posts).contains("ordering POST /admin/dead-letters/7/redrive", "inventory POST /admin/dead-letters/a%20b/discard");
    }

    @Test
    void anUnknownDeadLetterIsSaidToBeUnknown() {
        assertThatThrownBy(() -> platform.redriveDeadLetter("ordering", "99"))
                .isInstanceOf(LauncherException.class)
                .isNotInstanceOf(ServiceUnreachableException.class)
                .hasMessage("ordering has no dead letter 99");
    }

    @Test
    void aSettledDeadLetterIsNotSettledAgain() {
        assertThatThrownBy(() -> platform.discardDeadLetter("ordering", "8"))
                .isInstanceOf(LauncherException.class)
                .hasMessage("ordering refused to discard dead letter 8: Dead letter already settled — Dead letter 8 is already REDRIVEN");
    }

    @Test
    void aServiceThatDoesNotRunIsSaidNotToRun() {
        assertThatThrownBy(() -> platform.discardDeadLetter("fulfillment", "1"))
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessageStartingWith("fulfillment unreachable: not running");
    }

    @Test
    void anOutboxBacklogIsReadFromItsGaugeAndAnUncountableOneIsSaidToBe() {
        AdminApi services = new AdminApi(List.of("ordering", "inventory"), platform::applicationUrl, service -> true, java.util.Optional::empty);

        assertThat(services.outboxBacklog("ordering")).isEqualTo(2);
        assertThatThrownBy(() -> services.outboxBacklog("inventory"))
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessageStartingWith("inventory could not count its outbox");
    }

    @Test
    void theProjectionRebuildReturnsOrderingsFigures() {
        assertThat(platform.rebuildCustomerOrders()).isEqualTo(new ProjectionRebuild("customer-orders", 3, 11, 250));
    }

    private record Answer(int status, String body) {
    }

    private static Answer list(HttpExchange exchange, Map<String, List<String>> lists) {
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST")) {
            posts.add(serviceOf(exchange) + " POST " + exchange.getRequestURI().getRawPath());
            if (path.equals("/admin/projections/customer-orders/rebuild")) {
                return new Answer(200, "{\"projection\":\"customer-orders\",\"orders\":3,\"events\":11,\"tookMs\":250}");
            }
            if (path.startsWith("/admin/dead-letters/99/")) {
                return new Answer(404, "{\"title\":\"Unknown dead letter\",\"status\":404,\"detail\":\"No dead letter 99\"}");
            }
            if (path.startsWith("/admin/dead-letters/8/")) {
                return new Answer(409, "{\"title\":\"Dead letter already settled\",\"status\":409,"
                        + "\"detail\":\"Dead letter 8 is already REDRIVEN\"}");
            }
            return new Answer(200, "{}");
        }
        if (path.equals("/actuator/metrics/bazaar.outbox.backlog")) {
            // Micrometer reports a gauge whose query failed as NaN.
            String value = serviceOf(exchange).equals("ordering") ? "2.0" : "\"NaN\"";
            return new Answer(200, "{\"name\":\"bazaar.outbox.backlog\",\"measurements\":[{\"statistic\":\"VALUE\",\"value\":"
                    + value + "}]}");
        }
        List<String> items = lists.get(path);
        if (items == null) {
            return new Answer(404, "{\"title\":\"Not Found\",\"status\":404}");
        }
        Map<String, String> query = new HashMap<>();
        for (String pair : exchange.getRequestURI().getQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], parts[1]);
        }
        // The lists the audit joins by order id are read by id, after one and through another, as the services serve them.
        String after = query.get("after");
        String through = query.get("through");
        List<String> listed = items.stream().filter(item -> after == null || orderId(item).compareTo(after) > 0)
                .filter(item -> through == null || orderId(item).compareTo(through) <= 0).toList();
        int page = Integer.parseInt(query.getOrDefault("page", "0"));
        int size = Math.min(SERVER_PAGE, Integer.parseInt(query.get("size")));
        List<String> slice = listed.subList(Math.min(listed.size(), page * size), Math.min(listed.size(), (page + 1) * size));
        return new Answer(200, "{\"items\":[" + String.join(",", slice) + "],\"page\":" + page + ",\"size\":" + size
                + ",\"total\":" + items.size() + "}");
    }

    private static String orderId(String item) {
        Matcher id = Pattern.compile("\"orderId\":\"([^\"]+)\"").matcher(item);
        return id.find() ? id.group(1) : "";
    }

    private static String serviceOf(HttpExchange exchange) {
        int port = exchange.getLocalAddress().getPort();
        return platform.config().topology().services().stream().map(Component::name)
                .filter(service -> platform.applicationUrl(service).getPort() == port)
                .findFirst().orElse("?");
    }

    private static String order(String id, String status, String sku, int quantity, String deadline) {
        return "{\"orderId\":\"" + id + "\",\"customerId\":\"c-1\",\"status\":\"" + status + "\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":" + quantity + ",\"unitPrice\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}],"
                + "\"total\":{\"amount\":\"10.00\",\"currency\":\"EUR\"},\"placedAt\":\"" + NOW.minusSeconds(60) + "\","
                + "\"updatedAt\":\"" + NOW + "\",\"deadline\":" + deadline + "}";
    }

    private static int serve(Function<HttpExchange, Answer> handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Answer answer = handler.apply(exchange);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.status() < 300 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
