package dev.bazaar.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the platform's one public door, speaking JSON. */
final class Gateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final Supplier<String> token;
    // HTTP/1.1, as the launcher and the benchmark ask: on http:// the JDK client otherwise offers the deprecated h2c
    // upgrade, which Zipkin's server (Armeria) accepts, and the HTTP/2 connection that follows now and then ends in an
    // EOF before its answer (PlatformIT failed so once).
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Gateway(URI base) {
        this(base, null);
    }

    private Gateway(URI base, Supplier<String> token) {
        this.base = base;
        this.token = token;
    }

    /** The same address, every request with this bearer token. */
    Gateway withToken(String token) {
        return signedIn(() -> token);
    }

    /** The same address, every request with the token this gives at the time (renewed, say, before it expires). */
    Gateway signedIn(Supplier<String> tokens) {
        return new Gateway(base, tokens);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** A GET with an Authorization header, such as {@code Bearer <token>}. */
    Response get(String path, String authorization) {
        return get(path, "Authorization", authorization);
    }

    /** A GET with one header more. */
    Response get(String path, String header, String value) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header(header, value).GET());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A write that the service answers once per key ({@code keyed-writes} in topology.yaml), as a careful client sends it. */
    Response post(String path, String json, String idempotencyKey) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method, with a JSON body for those that take one. */
    Response call(String method, String path, String json) {
        HttpRequest.BodyPublisher body = List.of("GET", "DELETE", "HEAD", "OPTIONS").contains(method)
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json").method(method, body));
    }

    private Response send(HttpRequest.Builder request) {
        if (token != null && request.build().headers().firstValue("Authorization").isEmpty()) {
            request.setHeader("Authorization", "Bearer " + token.get());
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("The gateway did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> header.getValue().get(0)).findFirst().orElse(null);
        }

        String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type;
        }

        String location() {
            return header("Location");
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
