package dev.bazaar.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Locale;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.bazaar.launcher.CardKeyState;
import dev.bazaar.launcher.ComponentStatus;
import dev.bazaar.launcher.Credentials;
import dev.bazaar.launcher.Platform;
import dev.bazaar.platform.topology.Component;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.bazaar.systemtests.Shopper.APPROVED;
import static dev.bazaar.systemtests.Shopper.DECLINED;
import static dev.bazaar.systemtests.Shopper.SAGA;
import static dev.bazaar.systemtests.Shopper.order;
import static dev.bazaar.systemtests.Shopper.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole platform — embedded PostgreSQL, a Kafka broker process, six services and the gateway,
 * each its own JVM — started by the launcher behind {@code ./bazaar up}, and driven only through
 * the gateway, as a shopper would.
 */
class PlatformIT {

    /** "2026-12-05T02:52:01.336Z  WARN 22539 --- [identity] ...": a line's time, then its level. */
    private static final Pattern WARNING = Pattern.compile("(\\d{4}-\\S+)\\s+((?:WARN|ERROR)\\s.*)");

    private static Platform platform;
    private static Gateway gateway;
    private static Shopper shopper;
    private static Gateway staff;

    @BeforeAll
    static void startThePlatform() {
        platform = RunningPlatform.get();
        gateway = RunningPlatform.gateway();
        shopper = new Shopper(gateway);
        staff = RunningPlatform.staff();
    }

    @Test
    void aShopperSignsUpSignsInAndTheirCustomerRecordIsThereUnderTheirTokensSubject() {
        String email = "signed-up-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "correct horse battery staple";
        String signUp = """
                {"email":"%s","password":"%s","name":"Ada Lovelace","address":{"line1":"12 Market Street","city":"Lyon","postalCode":"69002","country":"FR"}}"""
                .formatted(email, password);

        Gateway.Response accepted = gateway.post("/api/identity/sign-up", signUp);
        Gateway.Response again = gateway.post("/api/identity/sign-up", signUp.replace(password, "another long password"));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body()).as("the same answer whether or not the address had an account").isEqualTo(accepted.body());
        String token = platform.token(email, password);
        String customer = claims(token).path("sub").asString();
        assertThat(claims(token).path("iss").asString()).isEqualTo(platform.issuer().toString().replaceAll("/$", ""));
        // Ordering needs nothing from customer to take the order: the token says who the customer is.
        Gateway.Response first = gateway.withToken(token).post("/api/orders", order("BOOK-001", 1, APPROVED));
        assertThat(first.status()).as("a shopper's first order, at once after signing up: " + first).isEqualTo(202);
        await().atMost(SAGA).untilAsserted(() ->
                assertThat(gateway.get("/api/customers/" + customer, "Bearer " + token).json().path("email").asString()).isEqualTo(email));
        assertThatThrownBy(() -> platform.token(email, "another long password")).hasMessageContaining("sign in nobody");
        JsonNode me = gateway.get("/api/me", "Bearer " + token).json();
        assertThat(me.path("subject").asString()).isEqualTo(customer);
        assertThat(me.path("profile").path("value").path("email").asString()).isEqualTo(email);
        assertThat(gateway.get("/api/me").status()).isEqualTo(401);

        // identity's signing key rotates; the gateway takes tokens of the new key without a restart, and the old
        // token still, until it expires.
        String rotated = platform.rotateSigningKey();
        String renewed = platform.token(email, password);
        assertThat(header(renewed).path("kid").asString()).isEqualTo(rotated).isNotEqualTo(header(token).path("kid").asString());
        assertThat(gateway.get("/api/me", "Bearer " + renewed).status()).isEqualTo(200);
        assertThat(gateway.get("/api/me", "Bearer " + token).status()).isEqualTo(200);
        assertThat(claims(platform.staffToken()).path("roles").toString()).isEqualTo("[\"staff\"]");

        shopper.awaitStatus(first.json().path("orderId").asString(), "DELIVERED");
    }

    @Test
    void aShopperSeesAndChangesOnlyWhatIsTheirsAndAnotherShoppersIdsAreUnknownToThem() {
        Shopper.Customer alice = shopper.registerCustomer();
        Shopper.Customer bob = shopper.registerCustomer();
        String order = shopper.placeOrder(alice, "BOOK-005", 1, APPROVED);
        shopper.awaitStatus(order, "DELIVERED");
        List<String> alicesThings = List.of("/api/orders/" + order, "/api/orders/" + order + "/events", "/api/orders/" + order + "/overview",
                "/api/payments/" + order, "/api/shipments/" + order, "/api/inventory/reservations/" + order,
                "/api/customers/" + alice.id(), "/api/customers/" + alice.id() + "/orders");
        await().atMost(SAGA).untilAsserted(() -> assertThat(alice.gateway().get("/api/customers/" + alice.id()).status()).isEqualTo(200));

        for (String path : alicesThings) {
            assertThat(alice.gateway().get(path).status()).as("Alice: GET " + path).isEqualTo(200);
            Gateway.Response asBob = bob.gateway().get(path);
            assertThat(asBob.status()).as("Bob: GET " + path).isEqualTo(404);
            assertThat(asBob.contentType()).startsWith("application/problem+json");
            assertThat(gateway.get(path).status()).as("anonymous: GET " + path).isEqualTo(401);
            assertThat(staff.get(path).status()).as("staff: GET " + path).isEqualTo(200);
        }
        String moved = "{\"line1\":\"9 Rue Bob\",\"city\":\"Paris\",\"postalCode\":\"75001\",\"country\":\"FR\"}";
        assertThat(bob.gateway().put("/api/customers/" + alice.id() + "/address", moved).status()).isEqualTo(404);
        assertThat(alice.gateway().get("/api/customers/" + alice.id()).json().path("address").path("city").asString()).isEqualTo("Lisbon");
        assertThat(alice.gateway().get("/api/me").json().path("orders").path("value").path("items").get(0).path("orderId").asString())
                .isEqualTo(order);
        // Staff's work is not a shopper's: refused, and nothing changes.
        String price = gateway.get("/api/catalog/products/BOOK-005").json().path("price").toString();
        Gateway.Response repricing = alice.gateway().put("/api/catalog/products/BOOK-005/price", "{\"amount\":1.00,\"currency\":\"EUR\"}");
        assertThat(repricing.status()).isEqualTo(403);
        assertThat(repricing.contentType()).startsWith("application/problem+json");
        assertThat(gateway.put("/api/catalog/products/BOOK-005/price", "{\"amount\":1.00,\"currency\":\"EUR\"}").status()).isEqualTo(401);
        assertThat(gateway.get("/api/catalog/products/BOOK-005").json().path("price").toString()).isEqualTo(price);
        Shopper.StockLevel stock = shopper.stock("BOOK-005");
        assertThat(alice.gateway().post("/api/inventory/stock/BOOK-005/receipts", "{\"quantity\":5}").status()).isEqualTo(403);
        assertThat(shopper.stock("BOOK-005")).isEqualTo(stock);
        assertThat(staff.post("/api/orders", order("BOOK-005", 1, APPROVED)).status()).as("staff order for nobody").isEqualTo(403);
    }

    @Test
    void everyDocumentedOperationIsGuardedAsItsServiceDocumentsIt() {
        Shopper.Customer someone = shopper.registerCustomer();
        int checked = 0;
        for (Component service : platform.config().topology().services()) {
            Gateway direct = new Gateway(platform.applicationUrl(service.name()));
            JsonNode api = gateway.get("/v3/api-docs/" + service.name()).json();
            for (var path : api.path("paths").properties()) {
                for (var operation : path.getValue().properties()) {
                    String method = operation.getKey().toUpperCase(Locale.ROOT);
                    String target = path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                    boolean signInNeeded = !operation.getValue().path("security").isEmpty();
                    List<String> roles = new ArrayList<>();
                    operation.getValue().path("x-bazaar-roles").forEach(role -> roles.add(role.asString()));
                    String what = service.name() + ": " + method + " " + path.getKey();

                    int anonymous = direct.call(method, target, "{}").status();
                    if (signInNeeded) {
                        assertThat(anonymous).as(what + " without a token").isEqualTo(401);
                    } else {
                        assertThat(anonymous).as(what + " without a token").isNotIn(401, 403);
                    }
                    if (!roles.isEmpty() && !roles.contains("shopper")) {
                        assertThat(someone.gateway().call(method, path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString()), "{}")
                                .status()).as(what + " as a shopper, through the gateway").isEqualTo(403);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).as("documented operations").isGreaterThan(10);
    }

    @Test
    void anAddressSigningUpTooFastIsRefusedWithA429UntilTheBucketRefillsAndABadTokenGetsNowhere() throws InterruptedException {
        // The sign-up class allows an address 20 a minute: one more every 3 s once they are spent.
        Gateway.Response last;
        int sent = 0;
        do {
            last = gateway.post("/api/identity/sign-up", signUp("burst-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com"));
            sent++;
        } while (last.status() == 202 && sent <= 25);

        assertThat(last.status()).as(last.toString()).isEqualTo(429);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(last.header("RateLimit-Policy")).isEqualTo("\"sign-up\";q=20;w=60");
        assertThat(last.header("RateLimit")).startsWith("\"sign-up\";r=0;t=");
        long retryAfter = Long.parseLong(last.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3L);
        Thread.sleep(retryAfter * 1000 + 200);
        assertThat(gateway.post("/api/identity/sign-up", signUp("after-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com"))
                .status()).as("once the bucket has a token again").isEqualTo(202);

        // A forged token is refused at the gateway, whatever the route.
        Gateway.Response forged = gateway.get("/api/catalog/products/BOOK-001", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        // Leave the address some sign-ups for the tests after this one.
        Thread.sleep(15_000);
    }

    @Test
    void operationsNeedTheStaffRoleOrTheOperatorEvenOnAServicesOwnPortAndAForgedTokenIsRefusedThereToo() {
        Gateway ordering = new Gateway(platform.applicationUrl("ordering"));
        String email = "operator-probe-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertThat(gateway.post("/api/identity/sign-up", signUp(email)).status()).isEqualTo(202);
        String shopper = platform.token(email, "correct horse battery staple");

        Gateway.Response anonymous = ordering.get("/admin/orders?size=1");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        Gateway.Response asShopper = ordering.withToken(shopper).get("/admin/orders?size=1");
        assertThat(asShopper.status()).isEqualTo(403);
        assertThat(asShopper.contentType()).startsWith("application/problem+json");
        assertThat(ordering.withToken(platform.staffToken()).get("/admin/orders?size=1").status()).isEqualTo(200);
        assertThat(ordering.withToken(platform.operatorToken()).get("/admin/orders?size=1").status()).isEqualTo(200);
        assertThat(new Gateway(platform.applicationUrl("payment")).get("/admin/processor").status()).isEqualTo(401);

        Gateway.Response forged = ordering.get("/api/orders/" + UUID.randomUUID(), "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        assertThat(forged.status()).as("a forged token, on ordering's own port").isEqualTo(401);

        // Right issuer, audience and lifetime, but signed with a key identity never had.
        String otherKeys = signedByAnotherKey(claims(shopper).path("sub").asString());
        for (Gateway door : List.of(gateway, ordering)) {
            Gateway.Response refused = door.get("/api/customers/" + claims(shopper).path("sub").asString() + "/orders", "Bearer " + otherKeys);
            assertThat(refused.status()).as("a token of another key").isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        }
    }

    private static String signedByAnotherKey(String subject) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair key = generator.generateKeyPair();
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            long now = Instant.now().getEpochSecond();
            String header = base64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"not-identitys\"}".getBytes(StandardCharsets.UTF_8));
            String payload = base64.encodeToString(("{\"iss\":\"" + platform.issuer().toString().replaceAll("/$", "") + "\",\"sub\":\""
                    + subject + "\",\"aud\":\"bazaar\",\"roles\":[\"shopper\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.getPrivate());
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + base64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signUp(String email) {
        return """
                {"email":"%s","password":"correct horse battery staple","name":"Ada Lovelace","address":{"line1":"12 Market Street","city":"Lyon","postalCode":"69002","country":"FR"}}"""
                .formatted(email);
    }

    private static JsonNode claims(String jwt) {
        return part(jwt, 1);
    }

    private static JsonNode header(String jwt) {
        return part(jwt, 0);
    }

    private static JsonNode part(String jwt, int index) {
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    @Test
    void anOrderIsReservedPaidShippedAndDelivered() {
        Shopper.Customer customer = shopper.registerCustomer();
        Shopper.StockLevel before = shopper.stock("BOOK-002");

        String orderId = shopper.placeOrder(customer, "BOOK-002", 2, APPROVED);

        JsonNode order = shopper.awaitStatus(orderId, "DELIVERED");
        assertThat(statuses(order)).containsExactly("PENDING", "CONFIRMED", "SHIPPED", "DELIVERED");
        assertThat(order.path("total").path("amount").decimalValue()).isEqualByComparingTo("109.00");
        assertThat(order.path("customerId").asString()).isEqualTo(customer.id());
        await().atMost(SAGA).untilAsserted(() ->
                assertThat(shopper.stock("BOOK-002")).isEqualTo(new Shopper.StockLevel(before.onHand() - 2, before.reserved())));
        JsonNode payment = customer.gateway().get("/api/payments/" + orderId).json();
        assertThat(payment.path("status").asString()).isEqualTo("CAPTURED");
        assertThat(payment.path("cardLast4").asString()).isEqualTo("4242");
        assertThat(customer.gateway().get("/api/shipments/" + orderId).json().path("status").asString()).isEqualTo("DELIVERED");

        // The same order in one answer, composed at the gateway from the four services that own its parts.
        JsonNode overview = customer.gateway().get("/api/orders/" + orderId + "/overview").json();
        assertThat(overview.path("order").path("value").path("status").asString()).isEqualTo("DELIVERED");
        assertThat(overview.path("reservation").path("state").asString()).isEqualTo("ok");
        assertThat(overview.path("payment").path("value").path("status").asString()).isEqualTo("CAPTURED");
        assertThat(overview.path("shipment").path("value").path("status").asString()).isEqualTo("DELIVERED");
        assertThat(customer.gateway().get("/api/orders/" + UUID.randomUUID() + "/overview").status()).isEqualTo(404);
    }

    @Test
    void rotatingPaymentsKeyEncryptionKeyLosesNoOrderInFlight() {
        Shopper.Customer customer = shopper.registerCustomer();
        String before = platform.cardKeys().current();
        String inFlight = shopper.placeOrder(customer, "BOOK-004", 1, APPROVED);

        CardKeyState rotated = platform.rotateCardKey();

        assertThat(rotated.current()).isNotEqualTo(before);
        await().atMost(SAGA).until(() -> platform.cardKeys().settled());
        assertThat(platform.cardKeys().keyEncryptionKeys()).containsExactly(rotated.current());
        shopper.awaitStatus(inFlight, "DELIVERED");
        shopper.awaitStatus(shopper.placeOrder(customer, "BOOK-004", 1, APPROVED), "DELIVERED");
    }

    @Test
    void anOrderForMoreThanTheStockIsRejectedAndTheStockIsUnchanged() {
        Shopper.Customer customer = shopper.registerCustomer();
        Shopper.StockLevel before = shopper.stock("TECH-005");

        String orderId = shopper.placeOrder(customer, "TECH-005", before.available() + 1, APPROVED);

        JsonNode order = shopper.awaitStatus(orderId, "REJECTED");
        assertThat(statuses(order)).containsExactly("PENDING", "REJECTED");
        assertThat(order.path("history").get(1).path("reason").asString()).contains("TECH-005");
        assertThat(shopper.stock("TECH-005")).isEqualTo(before);
    }

    @Test
    void aDeclinedCardCancelsTheOrderAndReleasesItsReservation() {
        Shopper.Customer customer = shopper.registerCustomer();
        Shopper.StockLevel before = shopper.stock("HOME-003");

        String orderId = shopper.placeOrder(customer, "HOME-003", 1, DECLINED);

        JsonNode order = shopper.awaitStatus(orderId, "CANCELLED");
        assertThat(statuses(order)).containsExactly("PENDING", "CANCELLED");
        assertThat(customer.gateway().get("/api/payments/" + orderId).json().path("status").asString()).isEqualTo("DECLINED");
        await().atMost(SAGA).untilAsserted(() -> assertThat(shopper.stock("HOME-003")).isEqualTo(before));
    }

    @Test
    void aShipmentTheCarrierRefusesCancelsTheOrderRefundsThePaymentAndRestocks() {
        Shopper.Customer penguin = shopper.registerCustomer("""
                {"line1":"McMurdo Station","city":"Ross Island","postalCode":"9999","country":"AQ"}""");
        Shopper.StockLevel before = shopper.stock("HOME-004");

        String orderId = shopper.placeOrder(penguin, "HOME-004", 1, APPROVED);

        JsonNode order = shopper.awaitStatus(orderId, "CANCELLED");
        assertThat(statuses(order)).containsExactly("PENDING", "CONFIRMED", "CANCELLED");
        await().atMost(SAGA).untilAsserted(() -> {
            assertThat(penguin.gateway().get("/api/payments/" + orderId).json().path("status").asString()).isEqualTo("REFUNDED");
            assertThat(shopper.stock("HOME-004")).isEqualTo(before);
        });
    }

    @Test
    void aCustomersOrdersAndAnOrdersEventStreamAreServedByOrdering() {
        Shopper.Customer customer = shopper.registerCustomer();
        String first = shopper.placeOrder(customer, "BOOK-001", 1, APPROVED);
        String second = shopper.placeOrder(customer, "BOOK-001", 1, APPROVED);
        shopper.awaitStatus(second, "DELIVERED");

        JsonNode orders = customer.gateway().get("/api/customers/" + customer.id() + "/orders").json();
        assertThat(orders.path("total").asInt()).isEqualTo(2);
        assertThat(orders.path("items").get(0).path("orderId").asString()).isEqualTo(second);
        assertThat(orders.path("items").get(1).path("orderId").asString()).isEqualTo(first);
        JsonNode events = customer.gateway().get("/api/orders/" + second + "/events").json();
        assertThat(events.toString()).contains("OrderPlaced", "OrderConfirmed", "OrderDelivered").doesNotContain("4242424242424242");
    }

    @Test
    void badInputIsAProblemThatSaysWhatIsWrongAndCreatesNoOrder() {
        Shopper.Customer shopping = shopper.registerCustomer();
        Gateway customer = shopping.gateway();

        Gateway.Response malformed = customer.post("/api/orders", "{\"lines\":");
        Gateway.Response zero = customer.post("/api/orders", order("BOOK-001", 0, APPROVED));
        Gateway.Response unknownSku = customer.post("/api/orders", order("NOPE-404", 1, APPROVED));
        Gateway.Response anonymous = gateway.post("/api/orders", order("BOOK-001", 1, APPROVED));
        Gateway.Response quantityAsText = customer.post("/api/orders", order("BOOK-001", 1, APPROVED)
                .replace("\"quantity\":1", "\"quantity\":\"1\""));
        Gateway.Response huge = customer.post("/api/orders", "{\"lines\":[" + "{\"sku\":\"BOOK-001\",\"quantity\":1},".repeat(20_000) + "]}");
        Gateway.Response encodedSlash = gateway.get("/api/catalog/products/BOOK%2F001");
        // Headers the gateway takes (up to 16 KB) reach a service that takes them too; more is the gateway's 431.
        Gateway.Response largeHeaders = gateway.get("/api/catalog/products/BOOK-001", "X-Client-Context", "x".repeat(12_000));
        Gateway.Response tooLargeHeaders = gateway.get("/api/catalog/products/BOOK-001", "X-Client-Context", "x".repeat(17_000));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("detail").asString()).contains("quantity");
        assertThat(unknownSku.status()).isEqualTo(404);
        assertThat(unknownSku.json().path("detail").asString()).contains("NOPE-404");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(quantityAsText.status()).isEqualTo(400);
        assertThat(quantityAsText.json().path("detail").asString()).contains("quantity must be a number");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(encodedSlash.status()).isEqualTo(400);
        assertThat(largeHeaders.status()).isEqualTo(200);
        assertThat(tooLargeHeaders.status()).isEqualTo(431);
        Stream.of(malformed, zero, unknownSku, anonymous, quantityAsText, huge, encodedSlash, tooLargeHeaders).forEach(response -> {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.location()).isNull();
        });
        assertThat(customer.get("/api/customers/" + shopping.id() + "/orders").json().path("total").asInt()).isZero();
    }

    @Test
    void aServiceRoleCanReachItsOwnDatabaseAndNoOther() throws SQLException {
        Credentials ordering = platform.credentials("ordering");
        try (Connection own = DriverManager.getConnection(platform.postgresJdbcUrl("ordering"), ordering.username(), ordering.password())) {
            assertThat(own.isValid(5)).isTrue();
        }

        for (Component service : platform.config().topology().services()) {
            Credentials credentials = platform.credentials(service.name());
            try (Connection own = DriverManager.getConnection(platform.postgresJdbcUrl(service.database()),
                    credentials.username(), credentials.password())) {
                assertThat(own.isValid(5)).as(service.name() + " in its own database").isTrue();
            }
            for (Component other : platform.config().topology().services()) {
                if (other != service) {
                    assertThatThrownBy(() -> DriverManager.getConnection(platform.postgresJdbcUrl(other.database()),
                            credentials.username(), credentials.password()).close())
                            .as(service.name() + "'s role connecting to the database of " + other.name())
                            .isInstanceOf(SQLException.class);
                }
            }
        }
    }

    @Test
    void everyServiceReachesItsDatabaseThroughPostgresUnixSocketWhichOnlyThisUserMayOpen() throws Exception {
        java.nio.file.Path socket = platform.postgresSocket().orElse(null);
        assumeTrue(socket != null, "this checkout's path is too long or too odd for a socket, so the services use TCP");
        assertThat(PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(socket))).isEqualTo("rwx------");

        List<String> roles = platform.config().topology().services().stream().map(Component::database).toList();
        Credentials superuser = platform.superuserCredentials();
        try (Connection admin = DriverManager.getConnection(platform.postgresJdbcUrl("postgres"), superuser.username(),
                superuser.password());
             var statement = admin.prepareStatement("select usename, client_addr is null as socket from pg_stat_activity "
                     + "where usename = any(?)")) {
            statement.setArray(1, admin.createArrayOf("text", roles.toArray()));
            // Other tests connect as the services' roles over TCP; their backends leave pg_stat_activity soon after.
            await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
                List<String> overTheSocket = new ArrayList<>();
                List<String> overTcp = new ArrayList<>();
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        (rows.getBoolean("socket") ? overTheSocket : overTcp).add(rows.getString("usename"));
                    }
                }
                assertThat(overTcp).as("services connected over TCP").isEmpty();
                assertThat(overTheSocket).as("services connected through the socket").containsAll(roles);
            });
        }
    }

    @Test
    void everyServiceKeepsItsTemporaryFilesUnderTheHomeNotInTmp() throws Exception {
        for (Component service : platform.config().topology().services()) {
            java.nio.file.Path temporary = platform.config().home().resolve("tmp").resolve(service.name());
            try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(temporary)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .as(service.name() + "'s java.io.tmpdir holds Tomcat's work directory")
                        .anyMatch(name -> name.startsWith("tomcat."));
            }
        }
    }

    @Test
    void everyProcessRunsAtTheNiceTheMapGivesIt() throws Exception {
        // nice adds to the niceness it is run with, so the processes are compared with this JVM's, which started them.
        int own = niceOf(ProcessHandle.current().pid());
        for (ComponentStatus process : platform.status()) {
            if (process.pid().isEmpty() || process.external()) {
                continue;
            }
            String name = platform.config().topology().find(process.name()).isPresent() ? process.name()
                    : process.name().substring(0, process.name().lastIndexOf('-'));
            assertThat(niceOf(process.pid().getAsLong())).as(process.name())
                    .isEqualTo(Math.min(19, own + platform.config().topology().component(name).nice()));
        }
        assertThat(platform.config().topology().component("payment").nice()).as("the saga's steps yield to checkout").isPositive();
    }

    /** The nice value of a process: the 19th field of /proc/<pid>/stat, counted after the command's name in brackets. */
    private static int niceOf(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    @Test
    void everyComponentOfTheMapRunsAndEveryRouteLeadsToItsService() {
        assertThat(platform.status()).allSatisfy(component ->
                assertThat(component.health()).as(component.name()).isEqualTo(ComponentStatus.Health.UP));
        for (Component service : platform.config().topology().services()) {
            Gateway direct = new Gateway(platform.applicationUrl(service.name()));
            for (String route : service.routes()) {
                String path = route.replace("/**", "/no-such-thing").replace("*", "no-such-id");
                Gateway.Response routed = gateway.get(path);
                assertThat(routed.status()).as("GET " + path + " through the gateway, against " + service.name() + " itself")
                        .isEqualTo(direct.get(path).status());
                assertThat(routed.status()).as("GET " + path).isNotEqualTo(503);
            }
            // Its public API, described where Swagger UI at the gateway reads it.
            JsonNode api = gateway.get("/v3/api-docs/" + service.name()).json();
            assertThat(api.path("openapi").asString()).as(service.name() + "'s OpenAPI document").startsWith("3.");
            assertThat(api.path("info").path("title").asString()).isEqualTo("Bazaar " + service.name());
        }
        assertThat(gateway.get("/swagger-ui/index.html").status()).isEqualTo(200);
        // Every process of the map shows its metrics to Prometheus.
        for (Component application : platform.config().topology().applications()) {
            // A request to the application itself (whatever its answer): health checks and scrapes are not counted.
            new Gateway(platform.applicationUrl(application.name())).get("/api/");
            Gateway.Response metrics = new Gateway(platform.applicationUrl(application.name())).get("/actuator/prometheus");
            assertThat(metrics.status()).as(application.name() + "'s /actuator/prometheus").isEqualTo(200);
            assertThat(metrics.body()).as(application.name() + "'s metrics").contains("jvm_memory_used_bytes{", "http_server_requests_seconds");
        }
        // The bucket the catalog-reads-fast objective of slos.yaml counts by.
        assertThat(new Gateway(platform.applicationUrl("catalog")).get("/actuator/prometheus").body())
                .contains("http_server_requests_seconds_bucket{", "le=\"0.25\"");
    }

    @Test
    void theGatewayServesTheCatalog() {
        JsonNode page = gateway.get("/api/catalog/products?category=books&size=3").json();

        assertThat(page.path("total").asInt()).isEqualTo(6);
        assertThat(page.path("items")).hasSize(3);
        assertThat(gateway.get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
    }

    /**
     * A warning should be something to look into, so a start writes none in any process built here, except what is true
     * of every start: Flyway's notice that migrations may apply out of order (the chassis' own, numbered 0.x, beside a
     * service's: bazaar-chassis-defaults.properties), and, in a new home, Kafka's client asking for a topic its owner has
     * not created yet, or whose partitions have no leader yet (it asks again).
     */
    @Test
    void aStartWarnsOfNothingButFlywaysOutOfOrderNoticeAndTopicsNotReadyYet() throws IOException {
        Instant up = RunningPlatform.upAt();
        List<String> warnings = new ArrayList<>();
        for (Component application : platform.config().topology().applications()) {
            if (!application.kind().isBuilt()) {
                continue;
            }
            Path log = platform.config().home().resolve("logs").resolve(application.name() + ".log");
            try (Stream<String> lines = Files.lines(log)) {
                lines.map(WARNING::matcher).filter(Matcher::matches)
                        .filter(warning -> OffsetDateTime.parse(warning.group(1)).toInstant().isBefore(up))
                        .map(warning -> application.name() + ": " + warning.group(2))
                        .filter(line -> !line.contains("outOfOrder mode is active")
                                && !line.contains("The metadata response from the cluster reported a recoverable issue"))
                        .forEach(warnings::add);
            }
        }
        assertThat(warnings).as("warnings and errors logged while the platform started").isEmpty();
    }
}
