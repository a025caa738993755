package dev.bazaar.systemtests;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bazaar.audit.AuditReport;
import dev.bazaar.launcher.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.bazaar.systemtests.Shopper.APPROVED;
import static dev.bazaar.systemtests.Shopper.DECLINED;
import static dev.bazaar.systemtests.Shopper.SAGA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The business metrics of docs/metrics.md, read as Prometheus reads them (each service's /actuator/prometheus, on its
 * own port) while a known mix of orders goes through the running platform: every outcome moves its counter by exactly
 * the orders that had it. The platform is shared with the other system tests, which run one after another in this
 * JVM: the test starts once every earlier order has ended, and compares counts before and after.
 */
class BusinessMetricsIT {

    private static final List<String> SERVICES = List.of("ordering", "payment", "inventory", "fulfillment");
    private static final Duration SETTLE = Duration.ofMinutes(2);

    private static Platform platform;
    private static Gateway gateway;
    private static Gateway staff;
    private static Shopper shopper;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        gateway = RunningPlatform.gateway();
        staff = RunningPlatform.staff();
        shopper = new Shopper(gateway);
    }

    @Test
    void eachOrderOutcomeMovesItsBusinessMetricsExactlyOnce() {
        // Two products of this test's own, so that no other order touches their stock: one to sell out, one to decline.
        BigDecimal price = new BigDecimal("12.50");
        String scarce = newProduct(price);
        String plenty = newProduct(price);
        int available = awaitStocked(scarce);
        awaitStocked(plenty);
        Shopper.Customer customer = shopper.registerCustomer();
        awaitQuiet();
        Scrape before = scrape();

        // Three orders that take the scarce product's whole stock between them: delivered, and the last sells it out.
        int[] quantities = {available / 3, available / 3, available - 2 * (available / 3)};
        List<String> delivered = new ArrayList<>();
        for (int quantity : quantities) {
            delivered.add(shopper.placeOrder(customer, scarce, quantity, APPROVED));
        }
        delivered.forEach(order -> assertThat(shopper.awaitTerminal(order)).as("order " + order).isEqualTo("DELIVERED"));
        // Nothing is left of it: two more are rejected. Two cards are declined on the other product.
        List<String> rejected = List.of(shopper.placeOrder(customer, scarce, 1, APPROVED), shopper.placeOrder(customer, scarce, 1, APPROVED));
        List<String> declined = List.of(shopper.placeOrder(customer, plenty, 1, DECLINED), shopper.placeOrder(customer, plenty, 1, DECLINED));
        rejected.forEach(order -> assertThat(shopper.awaitTerminal(order)).as("order " + order).isEqualTo("REJECTED"));
        declined.forEach(order -> assertThat(shopper.awaitTerminal(order)).as("order " + order).isEqualTo("CANCELLED"));
        double revenue = price.multiply(BigDecimal.valueOf(available)).doubleValue();

        // Counts are taken as each change commits, so they may trail the order's status by a moment: wait for them.
        await().atMost(SAGA).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Scrape after = scrape();
            Delta ordering = new Delta(before, after, "ordering");
            assertThat(ordering.of("bazaar_orders_placed_total")).as("placed").isEqualTo(7);
            assertThat(ordering.of("bazaar_orders_confirmed_total")).as("confirmed").isEqualTo(3);
            assertThat(ordering.of("bazaar_orders_delivered_total")).as("delivered").isEqualTo(3);
            assertThat(ordering.of("bazaar_orders_rejected_total", "reason", "out_of_stock")).as("rejected, out of stock").isEqualTo(2);
            assertThat(ordering.of("bazaar_orders_cancelled_total", "reason", "declined")).as("cancelled, declined").isEqualTo(2);
            assertThat(ordering.of("bazaar_orders_cancelled_total")).as("cancelled, any reason").isEqualTo(2);
            assertThat(ordering.of("bazaar_revenue_total", "currency", "EUR")).as("revenue").isCloseTo(revenue, within(1e-6));
            assertThat(ordering.of("bazaar_orders_completion_seconds_count", "outcome", "delivered")).as("completed, delivered").isEqualTo(3);
            assertThat(ordering.of("bazaar_orders_completion_seconds_count", "outcome", "rejected")).as("completed, rejected").isEqualTo(2);
            assertThat(ordering.of("bazaar_orders_completion_seconds_count", "outcome", "cancelled")).as("completed, cancelled").isEqualTo(2);
            assertThat(ordering.of("bazaar_orders_completion_seconds_count")).as("completed").isEqualTo(7);
            // Every one of them ended within a minute: the SLO bucket Prometheus reads "share within 60 s" from.
            assertThat(ordering.bucket("bazaar_orders_completion_seconds", 60)).as("completed within 60 s").isEqualTo(7);
            assertThat(ordering.bucket("bazaar_orders_completion_seconds", Double.POSITIVE_INFINITY)).as("completed, +Inf").isEqualTo(7);

            Delta payment = new Delta(before, after, "payment");
            assertThat(payment.of("bazaar_payments_captured_total")).as("captured").isEqualTo(3);
            assertThat(payment.of("bazaar_payments_captured_amount_total", "currency", "EUR")).as("captured amount")
                    .isCloseTo(revenue, within(1e-6));
            assertThat(payment.of("bazaar_payments_declined_total", "reason", "card_declined")).as("declined").isEqualTo(2);
            assertThat(payment.of("bazaar_payments_declined_total")).as("declined, any reason").isEqualTo(2);
            assertThat(payment.of("bazaar_refunds_total")).as("refunds").isZero();

            Delta inventory = new Delta(before, after, "inventory");
            assertThat(inventory.of("bazaar_stock_rejections_total")).as("stock rejections").isEqualTo(2);
            assertThat(inventory.of("bazaar_stock_outs_total")).as("stock-outs").isEqualTo(1);

            Delta fulfillment = new Delta(before, after, "fulfillment");
            assertThat(fulfillment.of("bazaar_shipments_scheduled_total")).as("shipments scheduled").isEqualTo(3);
            assertThat(fulfillment.of("bazaar_shipments_delivered_total")).as("shipments delivered").isEqualTo(3);
            assertThat(fulfillment.of("bazaar_shipments_failed_total")).as("shipments failed").isZero();
        });
    }

    private static String newProduct(BigDecimal price) {
        String sku = "MTR-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        Gateway.Response added = staff.post("/api/catalog/products", """
                {"sku":"%s","name":"Metered %s","description":"","category":"metrics","price":{"amount":%s,"currency":"EUR"}}"""
                .formatted(sku, sku, price.toPlainString()));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return sku;
    }

    /** Waits until inventory has stocked the product catalog announced; returns how many are available. */
    private static int awaitStocked(String sku) {
        await().atMost(SAGA).pollInterval(Duration.ofMillis(250))
                .until(() -> gateway.get("/api/inventory/stock/" + sku).status() == 200);
        return shopper.stock(sku).available();
    }

    /**
     * Waits until every order placed before has ended (earlier tests leave none in flight, but a late one would move
     * the counts), and checks that each service runs as one instance, whose metrics are then all there are to read.
     */
    private static void awaitQuiet() {
        for (String service : SERVICES) {
            assertThat(platform.instances(service)).as("instances of " + service).hasSize(1);
        }
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            AuditReport audit = platform.audit();
            assertThat(audit.unreachable()).as("services the audit could not read").isEmpty();
            assertThat(audit.ordersByStatus().keySet()).as("statuses of the orders so far")
                    .isSubsetOf("DELIVERED", "REJECTED", "CANCELLED");
        });
    }

    private static Scrape scrape() {
        Map<String, List<Sample>> byService = new HashMap<>();
        for (String service : SERVICES) {
            Gateway.Response metrics = new Gateway(platform.applicationUrl(service)).get("/actuator/prometheus");
            assertThat(metrics.status()).as(service + "'s /actuator/prometheus").isEqualTo(200);
            byService.put(service, Sample.parse(metrics.body()));
        }
        return new Scrape(byService);
    }

    /** Every service's samples at one moment. */
    private record Scrape(Map<String, List<Sample>> byService) {

        /** The sum of the samples of that name whose labels include these (name, value, name, value…). */
        double sum(String service, String name, String... labels) {
            return byService.get(service).stream().filter(sample -> sample.name().equals(name) && sample.has(labels))
                    .mapToDouble(Sample::value).sum();
        }
    }

    /** How far one service's metrics moved between two scrapes. */
    private record Delta(Scrape before, Scrape after, String service) {

        double of(String name, String... labels) {
            return after.sum(service, name, labels) - before.sum(service, name, labels);
        }

        /** The histogram's cumulative bucket {@code le} (seconds), over all its series. */
        double bucket(String histogram, double le) {
            return count(after, histogram, le) - count(before, histogram, le);
        }

        private double count(Scrape scrape, String histogram, double le) {
            return scrape.byService().get(service).stream()
                    .filter(sample -> sample.name().equals(histogram + "_bucket") && sample.le() == le)
                    .mapToDouble(Sample::value).sum();
        }
    }

    /** One line of Prometheus' text format: {@code name{label="value",...} 1.0}. */
    private record Sample(String name, Map<String, String> labels, double value) {

        private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        static List<Sample> parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher matcher = LINE.matcher(line.strip());
                if (!matcher.matches()) {
                    throw new AssertionError("Not a Prometheus sample: " + line);
                }
                Map<String, String> labels = new HashMap<>();
                if (matcher.group(2) != null) {
                    Matcher label = LABEL.matcher(matcher.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(matcher.group(1), labels, number(matcher.group(3))));
            }
            return samples;
        }

        boolean has(String... pairs) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                    return false;
                }
            }
            return true;
        }

        /** The upper bound of a histogram bucket, NaN for any other sample. */
        double le() {
            String le = labels.get("le");
            return le == null ? Double.NaN : number(le);
        }

        private static double number(String text) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        }
    }
}
