package dev.bazaar.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import dev.bazaar.launcher.ComponentStatus;
import dev.bazaar.launcher.Identity;
import dev.bazaar.launcher.Platform;
import dev.bazaar.platform.topology.Component;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The proof of autonomy: each drill breaks the running platform on purpose while shoppers keep
 * shopping, then checks that the failure stayed partial, that every accepted order finished, and
 * that the books balance across services ({@code ./bazaar audit}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillsIT {

    private static final List<String> TRAFFIC_SKUS = List.of("BOOK-003", "HOME-002", "TECH-002", "GARD-002");

    private static Platform platform;
    private static Gateway gateway;
    private static Shopper shopper;
    private static Gateway staff;
    private static List<Shopper.Customer> customers;
    private static String knownOrder;
    private static Console console;

    @BeforeAll
    static void shoppersAreKnownAndStockIsAmple() {
        platform = RunningPlatform.get();
        gateway = RunningPlatform.gateway();
        shopper = new Shopper(gateway);
        staff = RunningPlatform.staff();
        console = RunningPlatform.console();
        for (String sku : TRAFFIC_SKUS) {
            assertThat(staff.post("/api/inventory/stock/" + sku + "/receipts", "{\"quantity\":5000}").status()).isBetween(200, 299);
        }
        customers = new ArrayList<>();
        List<String> firstOrders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Shopper.Customer customer = shopper.registerCustomer();
            customers.add(customer);
            firstOrders.add(shopper.placeOrder(customer, TRAFFIC_SKUS.get(i), 1, Shopper.APPROVED));
        }
        firstOrders.forEach(order -> shopper.awaitStatus(order, "DELIVERED"));
        knownOrder = firstOrders.get(0);
    }

    @Test
    @Order(1)
    void withPaymentKilledShoppingGoesOnAndOrdersWaitThenCompleteWhenItReturns() {
        String waiting;
        String overviewWithPaymentDown;
        Duration alertFired;
        Instant killed;
        Instant back;
        try (Traffic traffic = new Traffic(gateway, customers, knownOrder, 2)) {
            pause(Duration.ofSeconds(2));
            platform.kill("payment");
            killed = Instant.now();
            waiting = shopper.placeOrder(customers.get(0), "BOOK-003", 1, Shopper.APPROVED);
            Instant placed = Instant.now();
            String waitingInTheShop = storefrontTakesTheOrderAndSaysPaymentIsCatchingUp();
            // Six seconds after it was placed, the first order still waits for payment (the shop's took some of them).
            pause(Duration.ofSeconds(6).minus(Duration.between(placed, Instant.now())));
            assertThat(staff.get("/api/orders/" + waiting).json().path("status").asString()).isEqualTo("PENDING");
            // The composed overview still answers, on time, with only the payment part missing.
            long asked = System.nanoTime();
            Gateway.Response overview = customers.get(0).gateway().get("/api/orders/" + knownOrder + "/overview");
            Duration took = Duration.ofNanos(System.nanoTime() - asked);
            assertThat(overview.status()).isEqualTo(200);
            assertThat(overview.json().path("payment").path("state").asString()).isEqualTo("unavailable");
            assertThat(overview.json().path("order").path("value").path("status").asString()).isEqualTo("DELIVERED");
            assertThat(overview.json().path("shipment").path("state").asString()).isEqualTo("ok");
            assertThat(took).as("overview with payment down").isLessThan(Duration.ofSeconds(3));
            overviewWithPaymentDown = "    overview of a delivered order with payment down: 200 in " + took.toMillis()
                    + " ms, payment part " + overview.json().path("payment").path("state").asString();
            // The console sees orders stop ending in time: the order-latency objective burns its budget, its fast-burn
            // alert fires, and a person who opens the console sees it, with the charts and budgets.
            console.awaitState(Console.ORDERS_LATE, "page", "FIRING", Duration.ofSeconds(90));
            alertFired = Duration.between(killed, Instant.now());
            assertThat(console.shortestBurnRate("orders-complete-in-time")).as("burn rate of the shortest window")
                    .hasValueSatisfying(rate -> assertThat(rate).isGreaterThan(14.4));
            consoleInABrowserShowsTheAlert();
            platform.restart("payment");
            back = Instant.now();
            pause(Duration.ofSeconds(2));
            traffic.close();

            assertThat(traffic.failures(Traffic.between(killed, back).and(r -> !r.service().equals("payment"))))
                    .as("requests to services other than payment while it was down").isEmpty();
            finish("1. kill payment", traffic, List.of(waiting, waitingInTheShop));
            append(overviewWithPaymentDown);
        }
        assertThat(shopper.awaitTerminal(waiting)).isEqualTo("DELIVERED");
        // Orders end in time again: once the alert's short windows see it, the alert resolves.
        await("the fast-burn alert resolves").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> console.resolvedSinceItFired(Console.ORDERS_LATE, "page"));
        append("    console: " + Console.ORDERS_LATE + " (page) fired " + alertFired.toSeconds() + " s after the kill, resolved "
                + Duration.between(back, Instant.now()).toSeconds() + " s after payment was back (alert windows 60 times faster)");
    }

    /**
     * The storefront while payment is down: checkout takes the order, and its page tells the shopper that payment is
     * catching up rather than that something failed. The order completes once payment is back (checked with the rest).
     */
    private static String storefrontTakesTheOrderAndSaysPaymentIsCatchingUp() {
        Storefront storefront = Storefront.ofTheRunningPlatform();
        try (Browser browser = Browser.open()) {
            storefront.signIn(browser, customers.get(1).email());
            String order = storefront.buy(browser, "BOOK-003", Shopper.APPROVED);
            await("the order page says payment is catching up").atMost(Duration.ofSeconds(20)).until(() ->
                    browser.driver.findElement(By.id("explanation")).getText().contains("Our payment service is catching up"));
            assertThat(browser.driver.findElement(By.id("status")).getDomAttribute("data-status")).isEqualTo("PENDING");
            browser.screenshot(Browser.screenshot("storefront-payment-down.png"));
            return order;
        }
    }

    /** The console's page, signed in as staff, while payment is down: the alert, the budgets, charts with data. */
    private static void consoleInABrowserShowsTheAlert() {
        try (Browser browser = Browser.open()) {
            console.signIn(browser, Identity.STAFF_EMAIL, platform.staffPassword());
            browser.await(By.cssSelector("#firing-list li[data-alert='" + Console.ORDERS_LATE + "'][data-severity='page']"));
            assertThat(browser.driver.findElements(By.cssSelector("#objectives [data-objective] .budget-remaining")))
                    .as("a budget per objective").hasSize(3)
                    .allSatisfy(budget -> assertThat(budget.getText()).matches("[0-9.,]+%.*"));
            for (String chart : List.of("orders-chart", "completion-chart", "requests-chart", "backlogs-chart")) {
                assertThat(Console.pointsOf(browser, chart)).as(chart + " points").isPositive();
            }
            assertThat(browser.driver.findElement(By.cssSelector("#services tr[data-service=payment]")).getDomAttribute("data-up"))
                    .as("payment shown down").isEqualTo("0");
            // The whole page, for docs/console.png.
            browser.driver.manage().window().setSize(new Dimension(1280, 2700));
            browser.screenshot(Browser.screenshot("console.png"));
        }
    }

    @Test
    @Order(2)
    void withCatalogKilledOrdersAreStillPricedAndDeliveredAndProductReadsComeFromTheCache() {
        JsonNode product = gateway.get("/api/catalog/products/BOOK-003").json();
        try (Traffic traffic = new Traffic(gateway, customers, knownOrder, 2)) {
            pause(Duration.ofSeconds(2));
            Storefront storefront = Storefront.ofTheRunningPlatform();
            // The shop's home page once, so that the gateway remembers its catalog reads.
            try (Browser browser = Browser.open()) {
                storefront.open(browser, "/");
                browser.await(By.cssSelector(".grid .card"));
            }
            platform.kill("catalog");
            Instant killed = Instant.now();
            Gateway.Response cached = gateway.get("/api/catalog/products/BOOK-003");
            storefrontKeepsServingWithProductPagesDegraded(storefront);
            String order = shopper.placeOrder(customers.get(1), "BOOK-003", 2, Shopper.APPROVED);
            JsonNode delivered = shopper.awaitStatus(order, "DELIVERED");
            Instant restarting = Instant.now();
            platform.restart("catalog");
            traffic.close();

            assertThat(cached.status()).isEqualTo(200);
            assertThat(cached.header("X-Bazaar-Stale")).isEqualTo("true");
            assertThat(cached.json().path("price")).isEqualTo(product.path("price"));
            assertThat(delivered.path("lines").get(0).path("unitPrice").path("amount").decimalValue())
                    .isEqualByComparingTo(product.path("price").path("amount").decimalValue());
            assertThat(traffic.failures(Traffic.between(killed, restarting)))
                    .as("requests while catalog was down, product reads included (served stale)").isEmpty();
            finish("2. kill catalog", traffic, List.of(order));
        }
    }

    /**
     * The storefront with catalog down: a product page shows what the gateway last heard of the product, says its
     * information is unavailable, and shows no price and no way to add it; the home page still lists the shop.
     */
    private static void storefrontKeepsServingWithProductPagesDegraded(Storefront storefront) {
        try (Browser browser = Browser.open()) {
            storefront.open(browser, "/products/BOOK-003");
            assertThat(browser.await(By.cssSelector("[data-test=degraded]")).getText())
                    .startsWith("Product information is temporarily unavailable.");
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Building Microservices");
            assertThat(browser.driver.findElements(By.id("add-to-cart"))).as("cannot be added").isEmpty();
            assertThat(browser.driver.findElements(By.cssSelector(".price"))).as("no price").isEmpty();
            browser.screenshot(Browser.screenshot("storefront-catalog-down.png"));
            storefront.open(browser, "/");
            assertThat(browser.await(By.cssSelector(".grid")).findElements(By.cssSelector(".card"))).as("the shop still serves")
                    .isNotEmpty();
        }
    }

    /**
     * Redeploys every service in turn while shoppers shop: ordering and payment (checkout and charging, the saga's
     * busiest) run twice and are replaced one instance at a time; the others run once and are replaced by a new
     * instance that is healthy before the old one drains. Not one request may fail.
     */
    @Test
    @Order(3)
    void aRollingRedeployOfEveryServiceFailsNoRequestAndLosesOrDuplicatesNoOrder() {
        Map<String, Long> ordersBefore = customers.stream().collect(Collectors.toMap(Shopper.Customer::id, DrillsIT::ordersOf));
        List<String> twice = List.of("ordering", "payment");
        twice.forEach(service -> platform.scale(service, 2));
        // One shopper: under two, every JVM started three times slower on two cores (12 s alone, 30 to 40 s under their
        // load) and the drill took five and a half minutes; one still keeps every route busy during each redeploy.
        List<String> redeploys = new ArrayList<>();
        try (Traffic traffic = new Traffic(gateway, customers, knownOrder, 1)) {
            redeploys.add("traffic from " + Instant.now());
            pause(Duration.ofSeconds(2));
            for (Component service : platform.config().topology().services()) {
                Instant from = Instant.now();
                platform.restart(service.name());
                Instant to = Instant.now();
                redeploys.add(service.name() + " redeployed from " + from + " to " + to);
                assertThat(platform.instances(service.name())).as("instances of " + service.name() + " after its redeploy")
                        .hasSize(twice.contains(service.name()) ? 2 : 1);
                assertThat(traffic.failures(Traffic.between(from, to)))
                        .as("requests while " + service.name() + " was redeployed").isEmpty();
            }
            pause(Duration.ofSeconds(1));
            traffic.close();
            assertThat(traffic.failures(request -> true)).as("failed requests during the whole drill (%s; machine pauses %s)", redeploys, MachinePauses.seen()).isEmpty();
            finish("3. rolling redeploy of every service, ordering and payment running twice", traffic, List.of());

            Map<String, Long> accepted = traffic.acceptedOrders().stream()
                    .collect(Collectors.groupingBy(id -> staff.get("/api/orders/" + id).json().path("customerId").asString(), Collectors.counting()));
            await().atMost(Shopper.SAGA).untilAsserted(() -> customers.forEach(customer ->
                    assertThat(ordersOf(customer)).as("orders of " + customer)
                            .isEqualTo(ordersBefore.get(customer.id()) + accepted.getOrDefault(customer.id(), 0L))));
        } finally {
            twice.forEach(service -> platform.scale(service, 1));
        }
    }

    @Test
    @Order(4)
    void killingKafkaAndAServiceMidFlightLosesNothingAndAppliesNothingTwice() {
        List<String> orders = new ArrayList<>();
        try (Traffic traffic = new Traffic(gateway, customers, knownOrder, 2)) {
            for (int i = 0; i < 6; i++) {
                orders.add(shopper.placeOrder(customers.get(i % customers.size()), TRAFFIC_SKUS.get(i % TRAFFIC_SKUS.size()), 1, Shopper.APPROVED));
            }
            platform.kill("inventory");
            platform.kill("kafka");
            Instant down = Instant.now();
            // The outbox takes orders while the broker is away: they are published when it returns.
            for (int i = 0; i < 3; i++) {
                Gateway.Response accepted = customers.get(i).gateway().post("/api/orders", Shopper.order("HOME-002", 1, Shopper.APPROVED));
                assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
                orders.add(accepted.json().path("orderId").asString());
            }
            pause(Duration.ofSeconds(5));
            platform.restart("kafka");
            platform.restart("inventory");
            Instant recovered = Instant.now();
            pause(Duration.ofSeconds(2));
            traffic.close();

            assertThat(traffic.failures(Traffic.between(down, recovered)
                    .and(r -> !r.service().equals("inventory")).and(r -> r.route().startsWith("GET"))))
                    .as("reads from the other services while Kafka and inventory were down").isEmpty();
            finish("4. kill Kafka and kill -9 inventory", traffic, orders);
        }
        orders.forEach(order -> assertThat(shopper.awaitTerminal(order)).isEqualTo("DELIVERED"));
    }

    @Test
    @Order(5)
    void concurrentOrdersForTheLastUnitsSucceedExactlyAsOftenAsThereIsStock() throws Exception {
        String sku = "GARD-005";
        Shopper.StockLevel before = shopper.stock(sku);
        String emptying = shopper.placeOrder(customers.get(0), sku, before.available() - 3, Shopper.APPROVED);
        shopper.awaitStatus(emptying, "DELIVERED");

        ExecutorService racers = Executors.newFixedThreadPool(10);
        List<Future<String>> placed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Shopper.Customer customer = customers.get(i % customers.size());
            placed.add(racers.submit(() -> shopper.placeOrder(customer, sku, 1, Shopper.APPROVED)));
        }
        List<String> orders = new ArrayList<>();
        for (Future<String> order : placed) {
            orders.add(order.get());
        }
        racers.shutdown();
        Map<String, Long> outcomes = new ConcurrentHashMap<>();
        orders.forEach(order -> outcomes.merge(shopper.awaitTerminal(order), 1L, Long::sum));

        assertThat(outcomes).containsEntry("DELIVERED", 3L).containsEntry("REJECTED", 7L);
        assertThat(shopper.stock(sku).available()).isZero();
        report("5. last units", List.of("    10 racing orders for 3 units: " + outcomes), orders.size(), orders.size());
        assertAuditIsClean("5. last units");
    }

    @Test
    @Order(6)
    void orderingScaledToTwoUnderTrafficLosesOnlyTheRequestsInFlightInAKilledInstance() {
        try (Traffic traffic = new Traffic(gateway, customers, knownOrder, 2)) {
            pause(Duration.ofSeconds(2));
            platform.scale("ordering", 2);
            List<String> instances = platform.instances("ordering");
            assertThat(instances).hasSize(2);
            pause(Duration.ofSeconds(4));
            Instant killing = Instant.now();
            platform.kill(instances.get(1));
            Instant killed = Instant.now();
            pause(Duration.ofSeconds(6));
            traffic.close();

            assertThat(traffic.count(request -> request.service().equals("ordering") && request.at().isAfter(killed)))
                    .as("ordering requests after the kill").isPositive();
            assertThat(traffic.failures(request -> !(request.service().equals("ordering") && request.inFlightDuring(killing, killed))))
                    .as("failed requests, except ordering's in flight when " + instances.get(1) + " was killed").isEmpty();
            finish("6. ordering scaled to 2, one instance killed", traffic, List.of());
        } finally {
            platform.scale("ordering", 1);
        }
    }

    @Test
    @Order(7)
    void postgresAwayForTwoMinutesUnderTrafficDeadLettersNothingAndLosesNothing() {
        int deadLettersBefore = platform.deadLetters().size();
        try (Traffic traffic = new Traffic(gateway, customers, knownOrder, 2)) {
            pause(Duration.ofSeconds(3));
            platform.stop("postgres");
            // Events keep arriving from Kafka for services that cannot write: they wait, retried, instead of being dead-lettered.
            pause(Duration.ofMinutes(2));
            platform.restart("postgres");
            pause(Duration.ofSeconds(5));
            traffic.close();
            finish("7. PostgreSQL stopped for two minutes", traffic, List.of());
        }
        // Left healthy for what follows: the gateway's breakers, opened by the outage, have closed again once each
        // service answers through it, from its database (a fresh catalog read, not the gateway's remembered one).
        Gateway owner = customers.get(0).gateway();
        await("every service answers through the gateway again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Gateway.Response catalog = gateway.get("/api/catalog/products/BOOK-001");
                    return catalog.status() == 200 && catalog.header("X-Bazaar-Stale") == null
                            && owner.get("/api/customers/" + customers.get(0).id()).status() == 200
                            && gateway.get("/api/inventory/stock/BOOK-001").status() == 200
                            && owner.get("/api/orders/" + knownOrder).status() == 200
                            && owner.get("/api/payments/" + knownOrder).status() == 200
                            && owner.get("/api/shipments/" + knownOrder).status() == 200;
                });
        assertThat(platform.deadLetters()).as("dead letters after PostgreSQL's outage").hasSize(deadLettersBefore);
    }

    @Test
    @Order(8)
    void aServiceThatCrashesIsStartedAgainByTheSupervisorButOneKilledOnPurposeStaysDown() {
        // After the redeploys of drill 3 it may run as fulfillment-2: whichever instance runs.
        String instance = platform.instances("fulfillment").get(0);
        long pid = status(instance).pid().orElseThrow();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // a crash the launcher did not cause
        List<String> healed = new ArrayList<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            healed.addAll(platform.heal());
            return healed.contains(instance);
        });
        assertThat(status(instance).health()).isEqualTo(ComponentStatus.Health.UP);
        assertThat(status(instance).pid().orElseThrow()).isNotEqualTo(pid);

        platform.kill(instance);
        assertThat(platform.heal()).isEmpty();
        assertThat(platform.heal()).as("healed after a kill on purpose").isEmpty();
        assertThat(platform.instances("fulfillment")).as("fulfillment's running instances").isEmpty();
        platform.restart("fulfillment");
        append("8. " + instance + " crashed: started again by the supervisor; killed on purpose: left down");
    }

    private static ComponentStatus status(String instance) {
        return platform.status().stream().filter(status -> status.name().equals(instance)).findFirst()
                .orElseThrow(() -> new AssertionError("no status for " + instance));
    }

    private static void finish(String drill, Traffic traffic, List<String> extraOrders) {
        List<String> orders = new ArrayList<>(traffic.acceptedOrders());
        orders.addAll(extraOrders);
        Map<String, String> outcomes = new java.util.TreeMap<>();
        orders.forEach(order -> outcomes.put(order, shopper.awaitTerminal(order)));
        long completed = outcomes.values().stream().filter(status -> List.of("DELIVERED", "REJECTED", "CANCELLED").contains(status)).count();
        // A cancelled order whose card was charged is refunded: how many, and that none kept its money.
        long refunded = outcomes.entrySet().stream().filter(outcome -> outcome.getValue().equals("CANCELLED"))
                .filter(outcome -> "REFUNDED".equals(staff.get("/api/payments/" + outcome.getKey()).json().path("status").asString()))
                .count();
        List<String> details = new ArrayList<>(Traffic.summary(traffic.requests()));
        details.add("    outcomes " + outcomes.values().stream().collect(Collectors.groupingBy(status -> status, java.util.TreeMap::new,
                Collectors.counting())) + ", " + refunded + " refunded");
        report(drill, details, orders.size(), completed);
        assertThat(completed).as("accepted orders that reached a terminal state").isEqualTo(orders.size());
        assertAuditIsClean(drill);
    }

    private static void assertAuditIsClean(String drill) {
        var audit = platform.audit(Duration.ofSeconds(30));
        append(drill + ": audit " + (audit.violations().isEmpty() ? "clean" : "VIOLATIONS " + audit.violations()));
        assertThat(audit.violations()).as("audit after " + drill).isEmpty();
    }

    private static void report(String drill, List<String> details, long placed, long completed) {
        List<String> lines = new ArrayList<>();
        lines.add(drill + ": " + placed + " orders placed, " + completed + " completed");
        lines.addAll(details);
        lines.forEach(DrillsIT::append);
    }

    private static void append(String line) {
        DrillReport.append(line);
    }

    private static long ordersOf(Shopper.Customer customer) {
        return customer.gateway().get("/api/customers/" + customer.id() + "/orders?size=1").json().path("total").asLong();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
