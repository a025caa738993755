package dev.bazaar.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The launcher's probes of its processes over HTTP, where no answer is an answer too. */
final class Http {

    private Http() {
    }

    /** The answer to a GET within {@code timeout}; empty when there is none (not listening, busy, being stopped). */
    static Optional<HttpResponse<String>> get(HttpClient http, URI uri, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
