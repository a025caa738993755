package dev.bazaar.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Steady shoppers through the gateway while a drill breaks something: each round browses a
 * product, reads a customer, checks stock, places an order (with an Idempotency-Key, as the shop
 * does, so the gateway may send it again when an instance dropped it) and reads back earlier ones. Every
 * request is recorded, so a drill can say which routes failed and when. Bounded: it stops by
 * itself after {@link #MAX_DURATION} whatever the drill does.
 */
final class Traffic implements AutoCloseable {

    static final Duration MAX_DURATION = Duration.ofMinutes(4);
    private static final String[] SKUS = {"BOOK-003", "HOME-002", "TECH-002", "GARD-002"};

    /**
     * One request: when it was sent, when its answer (or failure) came, and whether it was the one expected; for one
     * that was not, what came instead (the start of the problem's body, or why there was no answer).
     */
    record Request(String route, String service, Instant at, Instant done, int status, boolean ok, String detail) {

        /** Sent before the period ended and answered (or failed) after it began. */
        boolean inFlightDuring(Instant from, Instant to) {
            return at.isBefore(to) && !done.isBefore(from);
        }

        @Override
        public String toString() {
            return at + " " + route + " -> " + (status == 0 ? "no answer" : status) + " after "
                    + Duration.between(at, done).toMillis() + " ms" + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    private final Gateway gateway;
    private final List<Shopper.Customer> customers;
    private final String knownOrder;
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> acceptedOrders = new ConcurrentLinkedQueue<>();
    private final Instant deadline = Instant.now().plus(MAX_DURATION);

    /**
     * @param customers  signed-in customers, who order and read their records with their own tokens
     * @param knownOrder a finished order of the first customer, whose payment and shipment they read back
     */
    Traffic(Gateway gateway, List<Shopper.Customer> customers, String knownOrder, int shoppers) {
        this.gateway = gateway;
        this.customers = customers;
        this.knownOrder = knownOrder;
        MachinePauses.watch();
        this.threads = Executors.newFixedThreadPool(shoppers);
        for (int i = 0; i < shoppers; i++) {
            int shopper = i;
            threads.submit(() -> shop(shopper));
        }
    }

    private void shop(int shopper) {
        int round = 0;
        while (running.get() && Instant.now().isBefore(deadline)) {
            String sku = SKUS[(shopper + round) % SKUS.length];
            Shopper.Customer customer = customers.get((shopper + round) % customers.size());
            Gateway owner = customers.get(0).gateway();
            call("GET /api/catalog/products/{sku}", "catalog", () -> gateway.get("/api/catalog/products/" + sku));
            call("GET /api/customers/{id}", "customer", () -> customer.gateway().get("/api/customers/" + customer.id()));
            call("GET /api/inventory/stock/{sku}", "inventory", () -> gateway.get("/api/inventory/stock/" + sku));
            Gateway.Response placed = call("POST /api/orders", "ordering",
                    () -> customer.gateway().post("/api/orders", Shopper.order(sku, 1, Shopper.APPROVED), UUID.randomUUID().toString()));
            if (placed != null && placed.status() == 202) {
                acceptedOrders.add(placed.json().path("orderId").asString());
            }
            call("GET /api/orders/{id}", "ordering", () -> owner.get("/api/orders/" + knownOrder));
            call("GET /api/payments/{orderId}", "payment", () -> owner.get("/api/payments/" + knownOrder));
            call("GET /api/shipments/{orderId}", "fulfillment", () -> owner.get("/api/shipments/" + knownOrder));
            round++;
            pause(200);
        }
    }

    private Gateway.Response call(String route, String service, java.util.function.Supplier<Gateway.Response> request) {
        Instant at = Instant.now();
        try {
            Gateway.Response response = request.get();
            boolean ok = route.startsWith("POST") ? response.status() == 202 : response.status() == 200;
            requests.add(new Request(route, service, at, Instant.now(), response.status(), ok, ok ? "" : shortened(response.body())));
            return response;
        } catch (RuntimeException e) {
            requests.add(new Request(route, service, at, Instant.now(), 0, false, shortened(String.valueOf(e.getMessage()))));
            return null;
        }
    }

    List<String> acceptedOrders() {
        return List.copyOf(acceptedOrders);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * The failed requests among those matching the filter, each saying when, where and what came back; not those
     * caught in a pause of the whole machine ({@link MachinePauses}), which {@link #summary} lists.
     */
    List<Request> failures(Predicate<Request> filter) {
        return requests.stream().filter(filter).filter(r -> !r.ok()).filter(r -> !MachinePauses.caught(r.at(), r.done(), r.status())).toList();
    }

    private static String shortened(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }

    long count(Predicate<Request> filter) {
        return requests.stream().filter(filter).count();
    }

    static Predicate<Request> between(Instant from, Instant to) {
        return r -> !r.at().isBefore(from) && r.at().isBefore(to);
    }

    @Override
    public void close() {
        running.set(false);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> summary(List<Request> requests) {
        List<String> lines = new ArrayList<>();
        Map<String, long[]> byRoute = new TreeMap<>();
        requests.forEach(r -> {
            long[] counts = byRoute.computeIfAbsent(r.route(), k -> new long[2]);
            counts[0]++;
            if (!r.ok()) {
                counts[1]++;
            }
        });
        byRoute.forEach((route, counts) -> lines.add(String.format("    %-32s %5d requests %5d failed", route, counts[0], counts[1])));
        List<Request> excused = requests.stream().filter(r -> !r.ok() && MachinePauses.caught(r.at(), r.done(), r.status())).toList();
        if (!excused.isEmpty()) {
            lines.add("    the machine stood still (" + MachinePauses.seen() + "): not counted, " + excused.size()
                    + " failed requests in flight then or within " + MachinePauses.AFTERMATH.toSeconds() + " s after: " + excused);
        }
        return lines;
    }
}
