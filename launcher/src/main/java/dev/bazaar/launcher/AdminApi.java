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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.bazaar.audit.Audit;
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
     * Reads everything the audit checks, ordering first (see {@link Audit}); a service that cannot be read is
     * recorded as unreachable, with the reason, and the others are still read.
     */
    Audit.Books books() {
        Map<String, String> unreachable = new LinkedHashMap<>();
        List<Audit.Order> orders = read(unreachable, "ordering", this::orders);
        List<Audit.Payment> payments = read(unreachable, "payment", this::payments);
        List<Audit.Stock> stock = read(unreachable, "inventory", this::stock);
        List<Audit.Reservation> reservations = read(unreachable, "inventory", this::reservations);
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (String service : services) {
            deadLetters.addAll(read(unreachable, service, () -> deadLetters(service)));
        }
        return new Audit.Books(services, orders, payments, reservations, stock, deadLetters, unreachable);
    }

    private static <T> List<T> read(Map<String, String> unreachable, String service, Supplier<List<T>> reader) {
        if (unreachable.containsKey(service)) {
            return List.of();
        }
        try {
            return reader.get();
        } catch (ServiceUnreachableException e) {
            unreachable.put(service, e.getMessage().replaceFirst("^" + service + " (unreachable: )?", ""));
            return List.of();
        }
    }

    List<Audit.Order> orders() {
        return list("ordering", "/admin/orders", item -> new Audit.Order(
                text(item, "orderId"), text(item, "status"), lines(item), instant(item, "placedAt"), instant(item, "deadline")));
    }

    List<Audit.Payment> payments() {
        return list("payment", "/admin/payments", item -> new Audit.Payment(
                text(item, "orderId"), text(item, "paymentId"), text(item, "status"),
                integer(item, "captures"), integer(item, "refunds")));
    }

    List<Audit.Stock> stock() {
        return list("inventory", "/admin/stock", item -> new Audit.Stock(text(item, "sku"),
                integer(item, "onHand"), integer(item, "reserved"), integer(item, "available"),
                integer(item, "initial"), integer(item, "received"), integer(item, "committed")));
    }

    List<Audit.Reservation> reservations() {
        return list("inventory", "/admin/reservations", item -> new Audit.Reservation(
                text(item, "orderId"), text(item, "status"), lines(item)));
    }

    List<DeadLetter> deadLetters(String service) {
        return list(service, "/admin/dead-letters", item -> new DeadLetter(service, text(item, "id"),
                text(item, "topic"), integer(item, "partition"), longInteger(item, "offset"), optionalText(item, "key"),
                optionalText(item, "eventId"), optionalText(item, "eventType"), optionalText(item, "error"),
                instant(item, "deadAt"), text(item, "status")));
    }

    void redrive(String service, String id) {
        deadLetterAction(service, id, "redrive");
    }

    void discard(String service, String id) {
        deadLetterAction(service, id, "discard");
    }

    private void deadLetterAction(String service, String id, String action) {
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

    /** Every item of a paged list: {@code ?page=0&size=1000}, then the next pages until the total is read. */
    private <T> List<T> list(String service, String path, Function<JsonNode, T> mapper) {
        List<T> items = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            String paged = path + "?page=" + page + "&size=" + PAGE_SIZE;
            HttpResponse<String> response = send(service, "GET", paged);
            requireSuccess(service, "GET", paged, response);
            JsonNode body = parse(service, "GET", paged, response.body());
            JsonNode pageItems = body.path("items");
            if (!pageItems.isArray()) {
                throw new ServiceUnreachableException(service, service + " answered GET " + paged
                        + " without an 'items' list");
            }
            for (JsonNode item : pageItems) {
                items.add(map(service, "GET", paged, () -> mapper.apply(item)));
            }
            JsonNode total = body.path("total");
            boolean more = total.isNumber() ? items.size() < total.asLong() : pageItems.size() >= PAGE_SIZE;
            if (!more || pageItems.isEmpty()) {
                return items;
            }
        }
        throw new ServiceUnreachableException(service, service + " kept serving pages of " + path + " beyond " + MAX_PAGES);
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
