package dev.bazaar.launcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.bazaar.audit.Audit;
import dev.bazaar.audit.AuditReport;
import dev.bazaar.audit.DeadLetter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' {@code /admin} APIs, on each service's own port (the gateway does not route them): reads
 * the books for the {@link Audit}, lists, redrives and discards dead letters, rebuilds ordering's projection.
 * Paged lists are read to the end. Every failure to use a service becomes a {@link ServiceUnreachableException}
 * naming it and saying why; nothing else is thrown for a service that is down.
 */
final class AdminApi {

    /** The largest page the services serve. */
    static final int PAGE_SIZE = 1000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_PAGES = 10_000;
    /** Orders between two lines of progress: a platform under this many is audited in silence. */
    static final int PROGRESS_EVERY = 20_000;

    private final List<String> services;
    private final Function<String, URI> urls;
    private final Predicate<String> running;
    private final Supplier<Optional<String>> token;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param services the services whose dead letters the audit reads
     * @param urls     a service's own base address, e.g. {@code http://127.0.0.1:8085} for payment
     * @param running  whether a service's process runs, to tell "not running" from "not answering"
     * @param token    the operator's bearer token, which {@code /admin} requires; none when identity cannot give one
     *                 (the service then answers 401, reported as such)
     */
    AdminApi(List<String> services, Function<String, URI> urls, Predicate<String> running, Supplier<Optional<String>> token) {
        this.services = List.copyOf(services);
        this.urls = urls;
        this.running = running;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /**
     * Checks the books (see {@link Audit}): ordering's orders a page at a time in order of id, each page followed by the
     * payments and reservations of the same range of ids, so that each is read after its order and no more than a range
     * is held; then the payments and reservations after the last order, the stock, and every service's dead letters. A
     * service that cannot be read is recorded as unreachable, with the reason, and the others are still read. Reports
     * how far it got every {@value #PROGRESS_EVERY} orders.
     */
    AuditReport audit(Instant now, Consumer<String> progress) {
        Audit audit = new Audit(now);
        long began = System.nanoTime();
        long checked = 0;
        long total = -1;
        String after = null;
        boolean more = true;
        while (more) {
            String from = after;
            Chunk<Audit.Order> orders = read(audit, "ordering", () -> page("ordering", keyed("/admin/orders", from, null), AdminApi::order),
                    new Chunk<>(List.of(), PAGE_SIZE, 0));
            if (orders.items().isEmpty()) {
                break;
            }
            more = orders.full();
            String through = orders.items().get(orders.items().size() - 1).orderId();
            List<Audit.Payment> payments = new ArrayList<>();
            List<Audit.Reservation> reservations = new ArrayList<>();
            read(audit, "payment", () -> eachPage("payment", "/admin/payments", from, through, AdminApi::payment,
                    Audit.Payment::orderId, payments::addAll));
            read(audit, "inventory", () -> eachPage("inventory", "/admin/reservations", from, through, AdminApi::reservation,
                    Audit.Reservation::orderId, reservations::addAll));
            audit.check(orders.items(), payments, reservations);
            checked += orders.items().size();
            // Only the first page, asked for after no key, says how many orders there are.
            total = Math.max(total, orders.total());
            if (more && checked % PROGRESS_EVERY == 0) {
                progress.accept(String.format(Locale.ROOT, "%,d of %s orders checked with their payments and reservations (%s)",
                        checked, total < 0 ? "?" : String.format(Locale.ROOT, "%,d", total), ProgressListener.since(began)));
            }
            after = through;
        }
        // The payments and reservations of no order ordering listed (all of them, when it could not be read).
        String last = after;
        read(audit, "payment", () -> eachPage("payment", "/admin/payments", last, null, AdminApi::payment, Audit.Payment::orderId,
                page -> audit.check(List.of(), page, List.of())));
        read(audit, "inventory", () -> eachPage("inventory", "/admin/reservations", last, null, AdminApi::reservation,
                Audit.Reservation::orderId, page -> audit.check(List.of(), List.of(), page)));
        audit.stock(read(audit, "inventory", this::stock, List.of()));
        for (String service : services) {
            List<DeadLetter> letters = read(audit, service, () -> deadLetters(service), List.of());
            if (audit.reached(service)) {
                audit.deadLetters(service, letters);
            }
        }
        return audit.report();
    }

    /** What the reader returns; the fallback, with the service marked unreachable, when it cannot be read. */
    private static <T> T read(Audit audit, String service, Supplier<T> reader, T fallback) {
        if (!audit.reached(service)) {
            return fallback;
        }
        try {
            return reader.get();
        } catch (ServiceUnreachableException e) {
            audit.unreachable(service, e.getMessage().replaceFirst("^" + service + " (unreachable: )?", ""));
            return fallback;
        }
    }

    private static void read(Audit audit, String service, Runnable reader) {
        read(audit, service, () -> {
            reader.run();
            return null;
        }, null);
    }

    private static Audit.Order order(JsonNode item) {
        return new Audit.Order(text(item, "orderId"), text(item, "status"), lines(item), instant(item, "placedAt"), instant(item, "deadline"));
    }

    private static Audit.Payment payment(JsonNode item) {
        return new Audit.Payment(text(item, "orderId"), text(item, "paymentId"), text(item, "status"),
                integer(item, "captures"), integer(item, "refunds"));
    }

    private static Audit.Reservation reservation(JsonNode item) {
        return new Audit.Reservation(text(item, "orderId"), text(item, "status"), lines(item));
    }

    List<Audit.Stock> stock() {
        return list("inventory", "/admin/stock", item -> new Audit.Stock(text(item, "sku"),
                integer(item, "onHand"), integer(item, "reserved"), integer(item, "available"),
                integer(item, "initial"), integer(item, "received"), integer(item, "committed")));
    }

    List<DeadLetter> deadLetters(String service) {
        return list(service, "/admin/dead-letters", item -> new DeadLetter(service, text(item, "id"),
                text(item, "topic"), integer(item, "partition"), longInteger(item, "offset"), optionalText(item, "key"),
                optionalText(item, "eventId"), optionalText(item, "eventType"), optionalText(item, "error"),
                instant(item, "deadAt"), text(item, "status")));
    }

    /** Has the service {@code redrive} or {@code discard} one of its dead letters. */
    void deadLetterAction(String service, String id, String action) {
        String path = "/admin/dead-letters/" + encode(id) + "/" + action;
        HttpResponse<String> response = send(service, "POST", path);
        if (response.statusCode() == 404) {
            throw new LauncherException(service + " has no dead letter " + id);
        }
        if (response.statusCode() == 409) {
            throw new LauncherException(service + " refused to " + action + " dead letter " + id + problem(response, ""));
        }
        requireSuccess(service, "POST", path, response);
    }

    /** Events committed to a service's outbox and not yet published: its {@code bazaar.outbox.backlog} gauge. */
    long outboxBacklog(String service) {
        String path = "/actuator/metrics/bazaar.outbox.backlog";
        HttpResponse<String> response = send(service, "GET", path);
        requireSuccess(service, "GET", path, response);
        JsonNode value = parse(service, "GET", path, response.body()).path("measurements").path(0).path("value");
        if (!value.isNumber()) {
            // The gauge reads NaN when its query fails, e.g. while the service's database is away.
            throw new ServiceUnreachableException(service, service + " could not count its outbox: "
                    + Audit.oneLine(response.body(), 120));
        }
        return value.asLong();
    }

    ProjectionRebuild rebuildCustomerOrders() {
        String path = "/admin/projections/customer-orders/rebuild";
        HttpResponse<String> response = send("ordering", "POST", path);
        requireSuccess("ordering", "POST", path, response);
        JsonNode body = parse("ordering", "POST", path, response.body());
        return map("ordering", "POST", path, () -> new ProjectionRebuild(optionalText(body, "projection") == null
                ? "customer-orders" : text(body, "projection"),
                longInteger(body, "orders"), longInteger(body, "events"), longInteger(body, "tookMs")));
    }

    /** Payment's key-encryption keys; with {@code rotate}, after making a new one current. */
    CardKeyState cardKeys(boolean rotate) {
        String path = rotate ? "/admin/card-keys/rotate" : "/admin/card-keys";
        String method = rotate ? "POST" : "GET";
        HttpResponse<String> response = send("payment", method, path);
        if (response.statusCode() == 409) {
            throw new LauncherException("payment refused to rotate its key-encryption key" + problem(response, ""));
        }
        requireSuccess("payment", method, path, response);
        JsonNode body = parse("payment", method, path, response.body());
        return map("payment", method, path, () -> {
            List<String> keys = new ArrayList<>();
            body.path("keyEncryptionKeys").forEach(key -> keys.add(key.asString()));
            return new CardKeyState(text(body, "current"), longInteger(body, "toRewrap"), keys);
        });
    }

    /** Makes identity sign with a new key from now on; returns the new key's id. */
    String rotateSigningKey() {
        String path = "/admin/signing-keys/rotate";
        HttpResponse<String> response = send(Identity.COMPONENT, "POST", path);
        requireSuccess(Identity.COMPONENT, "POST", path, response);
        JsonNode body = parse(Identity.COMPONENT, "POST", path, response.body());
        return map(Identity.COMPONENT, "POST", path, () -> text(body, "kid"));
    }

    /** Every item of a short paged list: {@code ?page=0&size=1000}, then the next pages until the total is read. */
    private <T> List<T> list(String service, String path, Function<JsonNode, T> mapper) {
        List<T> items = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            Chunk<T> chunk = page(service, path + "?page=" + page + "&size=" + PAGE_SIZE, mapper);
            items.addAll(chunk.items());
            boolean more = chunk.total() >= 0 ? items.size() < chunk.total() : chunk.full();
            if (!more || chunk.items().isEmpty()) {
                return items;
            }
        }
        throw new ServiceUnreachableException(service, service + " kept serving pages of " + path + " beyond " + MAX_PAGES);
    }

    /**
     * The items of a list kept in order of order id whose order ids come after {@code after} and up to {@code through}
     * (null: from the first, to the last), a page at a time: each page continues after the last id of the one before.
     */
    private <T> void eachPage(String service, String path, String after, String through, Function<JsonNode, T> mapper,
                              Function<T, String> orderId, Consumer<List<T>> pages) {
        String from = after;
        for (int page = 0; page < MAX_PAGES; page++) {
            Chunk<T> chunk = page(service, keyed(path, from, through), mapper);
            List<T> items = chunk.items();
            pages.accept(items);
            if (!chunk.full()) {
                return;
            }
            from = orderId.apply(items.get(items.size() - 1));
        }
        throw new ServiceUnreachableException(service, service + " kept serving pages of " + path + " beyond " + MAX_PAGES);
    }

    private static String keyed(String path, String after, String through) {
        return path + "?size=" + PAGE_SIZE + (after == null ? "" : "&after=" + encode(after))
                + (through == null ? "" : "&through=" + encode(through));
    }

    /** One page of a list: its items, the size of its pages, and the total the service counts (-1 when it does not say). */
    private <T> Chunk<T> page(String service, String path, Function<JsonNode, T> mapper) {
        HttpResponse<String> response = send(service, "GET", path);
        requireSuccess(service, "GET", path, response);
        JsonNode body = parse(service, "GET", path, response.body());
        JsonNode pageItems = body.path("items");
        if (!pageItems.isArray()) {
            throw new ServiceUnreachableException(service, service + " answered GET " + path + " without an 'items' list");
        }
        List<T> items = new ArrayList<>();
        for (JsonNode item : pageItems) {
            items.add(map(service, "GET", path, () -> mapper.apply(item)));
        }
        JsonNode total = body.path("total");
        JsonNode size = body.path("size");
        return new Chunk<>(items, size.isIntegralNumber() ? size.asInt() : PAGE_SIZE, total.isNumber() ? total.asLong() : -1);
    }

    /** @param size the most items a page holds, as the service says: it may serve fewer than asked for */
    private record Chunk<T>(List<T> items, int size, long total) {

        /** A full page: there may be more after it. */
        boolean full() {
            return !items.isEmpty() && items.size() >= size;
        }
    }

    /** Makes the simulated card processor of one payment instance answer this late, and fail nothing. */
    void cardProcessorLatency(URI instance, Duration latency) {
        String path = "/admin/processor";
        HttpResponse<String> response = send("payment", instance, "PUT", path,
                "{\"latencyMs\":" + latency.toMillis() + ",\"failureRate\":0,\"outage\":false}");
        requireSuccess("payment", "PUT", path, response);
    }

    private HttpResponse<String> send(String service, String method, String path) {
        return send(service, urls.apply(service), method, path, null);
    }

    /** A request to one instance of a service, with a JSON body or none. */
    private HttpResponse<String> send(String service, URI base, String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        token.get().ifPresent(bearer -> builder.header("Authorization", "Bearer " + bearer));
        HttpRequest request = builder.build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new ServiceUnreachableException(service, service + " unreachable: no connection to "
                    + base.getAuthority() + " within 2 s", e);
        } catch (ConnectException e) {
            String why = running.test(service)
                    ? "its process runs but refuses connections on " + base.getAuthority() + " (still starting?)"
                    : "not running ('./bazaar restart " + service + "' starts it)";
            throw new ServiceUnreachableException(service, service + " unreachable: " + why, e);
        } catch (HttpTimeoutException e) {
            throw new ServiceUnreachableException(service, service + " unreachable: no answer to " + method + " " + path
                    + " within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new ServiceUnreachableException(service, service + " unreachable: " + method + " " + path + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while calling " + service);
        }
    }

    private void requireSuccess(String service, String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new ServiceUnreachableException(service, service + " answered " + method + " " + path + " with "
                    + status + problem(response, Audit.oneLine(response.body(), 200)));
        }
    }

    /** The title and detail of an RFC 9457 problem, or the fallback; prefixed with ": " when not empty. */
    private String problem(HttpResponse<String> response, String fallback) {
        String text = fallback;
        try {
            JsonNode body = json.readTree(response.body());
            String title = optionalText(body, "title");
            String detail = optionalText(body, "detail");
            if (detail != null || title != null) {
                text = title == null ? detail : detail == null ? title : title + " — " + detail;
            }
        } catch (JacksonException | IllegalArgumentException e) {
            // Not a problem document: the body as it is.
        }
        return text == null || text.isBlank() ? "" : ": " + text;
    }

    private JsonNode parse(String service, String method, String path, String body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new ServiceUnreachableException(service, service + " answered " + method + " " + path
                    + " with something other than JSON: " + Audit.oneLine(body, 120), e);
        }
    }

    private static <T> T map(String service, String method, String path, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ServiceUnreachableException(service, service + " answered " + method + " " + path
                    + " in an unexpected shape: " + e.getMessage(), e);
        }
    }

    private static List<Audit.Line> lines(JsonNode item) {
        JsonNode lines = item.path("lines");
        if (!lines.isArray()) {
            throw new IllegalArgumentException("no 'lines' list in " + Audit.oneLine(item.toString(), 200));
        }
        List<Audit.Line> result = new ArrayList<>();
        for (JsonNode line : lines) {
            result.add(new Audit.Line(text(line, "sku"), integer(line, "quantity")));
        }
        return result;
    }

    static String text(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null) {
            throw new IllegalArgumentException("no '" + field + "' in " + Audit.oneLine(node.toString(), 200));
        }
        return value;
    }

    static String optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isString() || value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        return value.toString();
    }

    static int integer(JsonNode node, String field) {
        return Math.toIntExact(longInteger(node, field));
    }

    static long longInteger(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isString()) {
            try {
                return Long.parseLong(value.asString());
            } catch (NumberFormatException e) {
                // Reported below.
            }
        }
        throw new IllegalArgumentException("'" + field + "' is not a whole number in " + Audit.oneLine(node.toString(), 200));
    }

    /** An ISO-8601 instant ({@code Z} or an offset), or null when absent. */
    static Instant instant(JsonNode node, String field) {
        String text = optionalText(node, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("'" + field + "' is not an instant: " + text);
            }
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
