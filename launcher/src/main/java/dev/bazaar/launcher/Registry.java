package dev.bazaar.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which instances of each service the gateway may send requests to: {@code run/instances.properties}, the
 * launcher's service discovery. The gateway re-reads the file when it changes and says which version it
 * routes by at {@code /actuator/instances}, so that an instance is only stopped once no new request can reach
 * it. (On Kubernetes a Service's endpoints do this job.)
 */
final class Registry {

    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    private final Path file;
    private final HttpClient http;

    Registry(Path home, HttpClient http) {
        this.file = home.resolve("run").resolve("instances.properties");
        this.http = http;
    }

    Path file() {
        return file;
    }

    /**
     * Publishes the instances each service is reached at, e.g. {@code ordering=http://127.0.0.1:8084,...},
     * replacing the file at once so the gateway never reads half of it; returns its version.
     */
    long publish(Map<String, List<URI>> instances) {
        long version = Math.max(System.currentTimeMillis(), publishedVersion() + 1);
        StringBuilder text = new StringBuilder("# Written by the Bazaar launcher: where the gateway sends each service's requests.\n")
                .append("version=").append(version).append('\n');
        new TreeMap<>(instances).forEach((service, urls) -> text.append(service).append('=')
                .append(String.join(",", urls.stream().map(URI::toString).toList())).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, text, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        return version;
    }

    /** The version of the file as it is, 0 when there is none. */
    long publishedVersion() {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("version=")) {
                    return Long.parseLong(line.substring("version=".length()).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // None yet, or unreadable: the next one starts afresh.
        }
        return 0;
    }

    /**
     * Waits until the gateway routes by this version of the file or a later one; false when it did not say so
     * in time (it is not running, say), in which case the caller goes on: a gateway that starts reads the file.
     */
    boolean awaitGateway(URI gateway, long version, Duration timeout) {
        return Poll.until(timeout, Duration.ofMillis(100), () -> Http.get(http, gateway.resolve("/actuator/instances"),
                Duration.ofSeconds(1)).filter(response -> {
                    Matcher seen = VERSION.matcher(response.body());
                    return response.statusCode() == 200 && seen.find() && Long.parseLong(seen.group(1)) >= version;
                }).isPresent());
    }
}
