package dev.bazaar.console.traces;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recent orders' traces in Zipkin, for links from the page: the slowest, and those that failed (a span with an
 * error, or an outcome that is not the happy one). One query for the traces tagged with an order id in the last
 * fifteen minutes, kept for ten seconds so that any number of open pages cost Zipkin one query.
 */
public final class RecentOrders {

    private static final Duration LOOKBACK = Duration.ofMinutes(15);
    private static final Duration KEPT = Duration.ofSeconds(10);
    private static final int TRACES = 60;
    private static final int SHOWN = 6;
    /** Outcomes (the {@code bazaar.outcome} tag) that mean the order did not go as the shopper wanted. */
    private static final Set<String> FAILED_OUTCOMES = Set.of("declined", "failed", "refunded", "voided");

    private final URI zipkin;
    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private Orders cached;
    private Instant cachedAt = Instant.EPOCH;

    /** @param zipkin Zipkin's address; null: there is none, and no traces are shown */
    public RecentOrders(URI zipkin, JsonMapper json, Clock clock) {
        this.zipkin = zipkin;
        this.json = json;
        this.clock = clock;
        // HTTP/1.1: on http:// the JDK client otherwise offers the deprecated h2c upgrade, which Zipkin (Armeria) accepts,
        // and that HTTP/2 connection now and then ends in an EOF before its answer.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** One order's trace: its id, when it started, how long from its first span to its last, what went wrong. */
    public record OrderTrace(String orderId, String traceId, Instant started, long durationMillis, Set<String> outcomes,
                             boolean error, String link) {
    }

    /** The slowest and the failed orders, or why they could not be read. */
    public record Orders(List<OrderTrace> slowest, List<OrderTrace> failed, String search, String problem) {
    }

    public synchronized Orders recent() {
        if (zipkin == null) {
            return new Orders(List.of(), List.of(), null, "no Zipkin is configured (console.zipkin)");
        }
        Instant now = clock.instant();
        if (cached == null || now.isAfter(cachedAt.plus(KEPT))) {
            cached = read(now);
            cachedAt = now;
        }
        return cached;
    }

    private Orders read(Instant now) {
        String search = zipkin.resolve("/zipkin/?annotationQuery=" + URLEncoder.encode("error", StandardCharsets.UTF_8)
                + "&lookback=" + LOOKBACK.toMillis() + "&endTs=" + now.toEpochMilli()).toString();
        URI query = zipkin.resolve("/api/v2/traces?annotationQuery=orderId&limit=" + TRACES + "&lookback=" + LOOKBACK.toMillis()
                + "&endTs=" + now.toEpochMilli());
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(query).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return new Orders(List.of(), List.of(), search, "Zipkin answered " + answer.statusCode());
            }
            List<OrderTrace> traces = new ArrayList<>();
            for (JsonNode trace : json.readTree(answer.body())) {
                traces.add(orderTrace(trace));
            }
            List<OrderTrace> slowest = traces.stream().sorted(Comparator.comparingLong(OrderTrace::durationMillis).reversed())
                    .limit(SHOWN).toList();
            List<OrderTrace> failed = traces.stream().filter(trace -> trace.error()
                            || trace.outcomes().stream().anyMatch(FAILED_OUTCOMES::contains))
                    .sorted(Comparator.comparing(OrderTrace::started).reversed()).limit(SHOWN).toList();
            return new Orders(slowest, failed, search, null);
        } catch (IOException e) {
            return new Orders(List.of(), List.of(), search, "Zipkin cannot be reached at " + zipkin + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (JacksonException e) {
            // Something that is not Zipkin's API answered (a proxy's page, say): this panel says so, the dashboard stays.
            return new Orders(List.of(), List.of(), search, "Zipkin's answer at " + zipkin + " is not its API's JSON");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Orders(List.of(), List.of(), search, "interrupted");
        }
    }

    private OrderTrace orderTrace(JsonNode spans) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        String orderId = null;
        String traceId = null;
        boolean error = false;
        Set<String> outcomes = new TreeSet<>();
        for (JsonNode span : spans) {
            traceId = span.path("traceId").asString();
            long start = span.path("timestamp").asLong();
            first = Math.min(first, start);
            last = Math.max(last, start + span.path("duration").asLong());
            JsonNode tags = span.path("tags");
            if (orderId == null && tags.has("orderId")) {
                orderId = tags.path("orderId").asString();
            }
            if (tags.has("bazaar.outcome")) {
                outcomes.add(tags.path("bazaar.outcome").asString());
            }
            error |= tags.has("error");
        }
        return new OrderTrace(orderId, traceId, Instant.EPOCH.plusNanos(first * 1000), (last - first) / 1000, outcomes, error,
                zipkin.resolve("/zipkin/traces/" + traceId).toString());
    }
}
