package dev.bazaar.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./bazaar compare}: the same open-loop load on two checkouts, Bazaar's (the order is accepted, the saga charges the
 * card later) and the synchronous chain of {@code samples/distributed-monolith} (the answer waits for the user, the
 * stock, and the charge), with the card processor made slower step by step. It reports what a shopper sees of placing
 * an order on each: latency percentiles, and availability, the share of orders placed within {@link #PATIENCE}.
 */
public final class Comparison {

    /** How long a shopper's request may take, for both: the gateway's own timeout. A slower answer counts as failed. */
    public static final Duration PATIENCE = Duration.ofSeconds(5);
    /** Between steps: what one step left in flight should not be measured in the next. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** A way to place orders, and how to make its card processor slow. */
    private record Checkout(String name, Supplier<HttpRequest.Builder> orders, Consumer<Duration> cardProcessorLatency) {
    }

    /**
     * One step: a checkout under the load with the card processor this slow. Latencies in milliseconds, counted from
     * when each order was due.
     *
     * @param availability the share of orders placed (answered 2xx within {@link #PATIENCE}), from 0 to 1
     */
    public record Row(String checkout, long cardLatencyMs, long sent, long placed, long failed, double availability,
                      Summary.Percentiles latency) {

        static Row of(String checkout, Duration cardLatency, Load.Step step) {
            long due = step.sent() + step.notSent();
            return new Row(checkout, cardLatency.toMillis(), due, step.accepted(), due - step.accepted(),
                    due == 0 ? 0 : (double) step.accepted() / due, Summary.Percentiles.ofMicros(step.latency()));
        }
    }

    /** What was compared, how, and how each step went. */
    public record Result(String startedAt, Summary.Machine machine, double rate, double stepSeconds, long patienceMs,
                         List<Row> rows, Path json) {
    }

    private final Target bazaar;
    private final URI monolithOrders;
    private final URI monolithPayments;
    private final PrintStream out;

    /**
     * @param bazaar           the running platform
     * @param monolithOrders   where the distributed monolith's order service listens
     * @param monolithPayments where its payment service listens (it owns the simulated card processor)
     */
    public Comparison(Target bazaar, URI monolithOrders, URI monolithPayments, PrintStream out) {
        this.bazaar = bazaar;
        this.monolithOrders = monolithOrders;
        this.monolithPayments = monolithPayments;
        this.out = out;
    }

    public Result run(List<Duration> cardLatencies, double rate, Duration step) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        String startedAt = Instant.now().toString();
        out.println("Opening the shop on Bazaar...");
        Shop shop = new Shop(bazaar, http);
        shop.open(20, out);
        // Approved orders of stocked products only: the comparison is about waiting for the card, not the other paths.
        List<Checkout> checkouts = List.of(
                new Checkout("bazaar", () -> shop.randomOrder(0, 0), bazaar::cardProcessorLatency),
                new Checkout("distributed monolith", this::monolithOrder, latency -> setMonolithLatency(http, latency)));
        List<Row> rows = new ArrayList<>();
        try {
            // Unmeasured: the first seconds of a JVM's code, and of its connection pools, are not what either is like.
            Duration warmUp = step.compareTo(WARM_UP) < 0 ? step : WARM_UP;
            out.printf("Warming both up: %s/s for %d s each...%n", Options.format(rate), warmUp.toSeconds());
            for (Checkout checkout : checkouts) {
                checkout.cardProcessorLatency().accept(Duration.ZERO);
                load(http, checkout).open("warm-up", rate, warmUp);
            }
            for (Duration latency : cardLatencies) {
                for (Checkout checkout : checkouts) {
                    checkout.cardProcessorLatency().accept(latency);
                    out.printf("%s, card processor %d ms: %s/s for %d s...%n", checkout.name(), latency.toMillis(),
                            Options.format(rate), step.toSeconds());
                    Load.Step measured = load(http, checkout).open(checkout.name(), rate, step);
                    Row row = Row.of(checkout.name(), latency, measured);
                    rows.add(row);
                    out.printf("  %,d of %,d placed (%.1f%%), p50 %,.0f ms, p99 %,.0f ms%n", row.placed(), row.sent(),
                            100 * row.availability(), row.latency().p50(), row.latency().p99());
                    Thread.sleep(SETTLE.toMillis());
                }
            }
        } finally {
            for (Checkout checkout : checkouts) {
                checkout.cardProcessorLatency().accept(Duration.ZERO);
            }
        }
        Path json = bazaar.reports().resolve("compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Result result = new Result(startedAt, Summary.Machine.here(), rate, step.toMillis() / 1000.0, PATIENCE.toMillis(), rows, json);
        try {
            Files.createDirectories(json.getParent());
            Files.writeString(json, JSON.writeValueAsString(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the figures to " + json, e);
        }
        print(result, out);
        return result;
    }

    private static Load load(HttpClient http, Checkout checkout) {
        return new Load(http, () -> checkout.orders().get().timeout(PATIENCE), (order, answeredAt) -> { });
    }

    static void print(Result result, PrintStream out) {
        out.println();
        out.printf("Placing an order, open loop at %s/s for %.0f s a step, a shopper waits at most %d s (%d cores, Java %s)%n",
                Options.format(result.rate()), result.stepSeconds(), result.patienceMs() / 1000, result.machine().cores(),
                result.machine().java());
        out.printf("%-15s %-22s %7s %7s %13s %9s %9s %9s%n", "card processor", "checkout", "sent", "placed", "availability",
                "p50 ms", "p99 ms", "max ms");
        for (Row row : result.rows()) {
            out.printf("%-15s %-22s %7d %7d %12.1f%% %9.0f %9.0f %9.0f%n", row.cardLatencyMs() + " ms", row.checkout(), row.sent(),
                    row.placed(), 100 * row.availability(), row.latency().p50(), row.latency().p99(), row.latency().max());
        }
        out.println("Figures: " + result.json());
    }

    private HttpRequest.Builder monolithOrder() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HttpRequest.newBuilder(monolithOrders.resolve("/orders")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"userId":%d,"productId":%d,"quantity":1,"cardNumber":"%s"}"""
                        .formatted(1 + random.nextInt(20), 1 + random.nextInt(10), Shop.APPROVED_CARD)));
    }

    private void setMonolithLatency(HttpClient http, Duration latency) {
        HttpRequest request = HttpRequest.newBuilder(monolithPayments.resolve("/card-processor")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"latencyMs\":" + latency.toMillis() + "}")).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the monolith's payment service answered " + answer.statusCode() + ": " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the monolith's payment service is unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
