package dev.bazaar.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads traces from Zipkin's API (v2): an order's trace by the {@code orderId} tag its spans carry. */
final class ZipkinClient {

    private static final Duration LOOKBACK = Duration.ofDays(7);

    private final URI zipkin;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    ZipkinClient(URI zipkin, HttpClient http) {
        this.zipkin = zipkin;
        this.http = http;
    }

    Optional<TraceTree> traceOfOrder(String orderId) {
        JsonNode traces = get("/api/v2/traces?limit=10&lookback=" + LOOKBACK.toMillis() + "&annotationQuery="
                + URLEncoder.encode("orderId=" + orderId, StandardCharsets.UTF_8));
        if (traces.isEmpty()) {
            return Optional.empty();
        }
        // One trace per order; should an order have several (a redriven event starts none, but a sweep might), the
        // one that began first is the order's journey.
        String traceId = null;
        long earliest = Long.MAX_VALUE;
        for (JsonNode trace : traces) {
            for (JsonNode span : trace) {
                if (span.path("timestamp").asLong() < earliest) {
                    earliest = span.path("timestamp").asLong();
                    traceId = span.path("traceId").asString();
                }
            }
        }
        return Optional.of(TraceTree.of(get("/api/v2/trace/" + traceId), zipkin));
    }

    private JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(zipkin.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LauncherException("Zipkin answered " + response.statusCode() + " to " + path + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            // A refused connection says nothing in its message: its class does.
            throw new LauncherException("Zipkin at " + zipkin + " cannot be reached (is it up? './bazaar status'): " + e, e);
        } catch (JacksonException e) {
            throw new LauncherException("Zipkin answered what is not JSON to " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while reading from Zipkin");
        }
    }
}
