package dev.bazaar.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop the benchmark runs in: shoppers who signed up for it, products with ample stock, and one product ordered in
 * more units than there are, so that the three paths of an order (delivered, declined, rejected for stock) all run. Everything goes
 * through the gateway, as a shopper's or staff's requests would.
 */
final class Shop {

    static final String APPROVED_CARD = "4242424242424242";
    static final String DECLINED_CARD = "4000000000000002";
    static final String SOLD_OUT_SKU = "BENCH-SOLD-OUT";
    /** More than inventory ever has of it: it starts with its initial stock (50) and the benchmark never stocks it. */
    private static final int SOLD_OUT_QUANTITY = 1000;
    private static final int STOCKED_SKUS = 8;
    private static final int RECEIPT = 1_000_000;
    private static final String PASSWORD = "benchmark shopper's long passphrase";
    private static final String ADDRESS = """
            {"line1":"1 Benchmark Street","city":"Lisbon","postalCode":"1100-001","country":"PT"}""";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Target target;
    private final HttpClient http;
    private final List<Shopper> shoppers = new ArrayList<>();
    private final List<String> skus = new ArrayList<>();

    Shop(Target target, HttpClient http) {
        this.target = target;
        this.http = http;
    }

    /** A shopper with a token that is renewed before it expires (tokens live ten minutes). */
    static final class Shopper {
        private final String email;
        private final Supplier<String> signIn;
        private String token;
        private Instant renewal = Instant.EPOCH;

        Shopper(String email, Supplier<String> signIn) {
            this.email = email;
            this.signIn = signIn;
        }

        synchronized String token() {
            if (Instant.now().isAfter(renewal)) {
                token = signIn.get();
                renewal = Instant.now().plus(Duration.ofMinutes(8));
            }
            return token;
        }
    }

    /** Stocks the products, makes the sold-out one, signs the shoppers up, and checks an order goes all the way. */
    void open(int shopperCount, PrintStream out) {
        String staff = target.staffToken();
        JsonNode products = send(get("/api/catalog/products?size=" + (STOCKED_SKUS + 1)), 200).path("items");
        products.forEach(product -> skus.add(product.path("sku").asString()));
        skus.remove(SOLD_OUT_SKU);
        skus.subList(Math.min(STOCKED_SKUS, skus.size()), skus.size()).clear();
        if (skus.isEmpty()) {
            throw new IllegalStateException("the catalog has no products to order");
        }
        for (String sku : skus) {
            send(post("/api/inventory/stock/" + sku + "/receipts", "{\"quantity\":" + RECEIPT + "}").header("Authorization", "Bearer " + staff), 200);
        }
        HttpResponse<String> added = exchange(post("/api/catalog/products", """
                {"sku":"%s","name":"Sold out (benchmark)","category":"benchmark","price":{"amount":1.00,"currency":"EUR"}}"""
                .formatted(SOLD_OUT_SKU)).header("Authorization", "Bearer " + staff));
        if (added.statusCode() != 201 && added.statusCode() != 409) {
            throw new IllegalStateException("catalog refused the sold-out product: " + added.statusCode() + " " + added.body());
        }
        out.printf("  stocked %d products with %,d units each; orders of %d %s are more than there is%n", skus.size(), RECEIPT,
                SOLD_OUT_QUANTITY, SOLD_OUT_SKU);

        ExecutorService signUps = Executors.newFixedThreadPool(4);
        try {
            List<Future<Shopper>> made = new ArrayList<>();
            for (int i = 0; i < shopperCount; i++) {
                made.add(signUps.submit(this::signUp));
            }
            for (Future<Shopper> shopper : made) {
                shoppers.add(shopper.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("signing the shoppers up failed: " + e.getMessage(), e);
        } finally {
            signUps.shutdown();
        }
        out.printf("  %d shoppers signed up%n", shoppers.size());
        awaitReady(staff);
    }

    private Shopper signUp() {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        // At identity itself, as the sign-in: the gateway allows an address twenty sign-ups a minute.
        URI identity = target.instancesOf("identity").get(0);
        send(HttpRequest.newBuilder(identity.resolve("/api/identity/sign-up")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"email":"%s","password":"%s","name":"Benchmark Shopper","address":%s}"""
                        .formatted(email, PASSWORD, ADDRESS))), 202);
        Shopper shopper = new Shopper(email, () -> target.signIn(email, PASSWORD));
        shopper.token();
        return shopper;
    }

    /**
     * Until the last shopper's order of the sold-out product is refused for stock and their first order is delivered:
     * every replica the saga needs (prices, addresses) has caught up, so the run measures the saga, not its start.
     */
    private void awaitReady(String staff) {
        Shopper last = shoppers.get(shoppers.size() - 1);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String delivered = null;
        String rejected = null;
        while (Instant.now().isBefore(deadline)) {
            if (delivered == null) {
                delivered = placed(exchange(order(last, skus.get(0), APPROVED_CARD)));
            }
            if (rejected == null) {
                rejected = placed(exchange(order(last, SOLD_OUT_SKU, APPROVED_CARD)));
            }
            if (delivered != null && rejected != null && "DELIVERED".equals(status(delivered, staff))
                    && "REJECTED".equals(status(rejected, staff))) {
                return;
            }
            pause();
        }
        throw new IllegalStateException("the platform did not deliver a first order (and reject one for stock) within 90 s");
    }

    private String status(String order, String staff) {
        HttpResponse<String> answer = exchange(get("/api/orders/" + order).header("Authorization", "Bearer " + staff));
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("status").asString() : null;
    }

    /** The order's id when the answer accepted it. */
    static String placed(HttpResponse<String> answer) {
        return answer.statusCode() == 202 ? JSON.readTree(answer.body()).path("orderId").asString() : null;
    }

    /** An order as the mix says: declined, sold out, or an approved order of a stocked product. */
    HttpRequest.Builder randomOrder(double declined, double soldOut) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Shopper shopper = shoppers.get(random.nextInt(shoppers.size()));
        double draw = random.nextDouble();
        String sku = draw < soldOut ? SOLD_OUT_SKU : skus.get(random.nextInt(skus.size()));
        String card = draw >= soldOut && draw < soldOut + declined ? DECLINED_CARD : APPROVED_CARD;
        return order(shopper, sku, card);
    }

    private HttpRequest.Builder order(Shopper shopper, String sku, String card) {
        return post("/api/orders", """
                {"lines":[{"sku":"%s","quantity":%d}],"payment":{"card":"%s"}}"""
                .formatted(sku, sku.equals(SOLD_OUT_SKU) ? SOLD_OUT_QUANTITY : 1, card))
                .header("Authorization", "Bearer " + shopper.token());
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private URI uri(String path) {
        return target.gateway().resolve(path);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) {
        HttpResponse<String> answer = exchange(request);
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri().getPath() + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }
        return answer.body().isEmpty() ? JSON.missingNode() : JSON.readTree(answer.body());
    }

    HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
