package dev.bazaar.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a service: a real HTTP server on a port of its own that can be stopped (connections
 * refused) and started again on the same port, counting the requests that reached it.
 */
final class TestBackend {

    private final HttpHandler handler;
    private final AtomicInteger hits = new AtomicInteger();
    private final int port;
    private HttpServer server;
    private ExecutorService threads;

    private TestBackend(HttpHandler handler, int port) {
        this.handler = handler;
        this.port = port;
    }

    static TestBackend started(HttpHandler handler) {
        TestBackend backend = stopped(handler);
        backend.start();
        return backend;
    }

    /** A backend with a port of its own that refuses connections until {@link #start()}. */
    static TestBackend stopped(HttpHandler handler) {
        return new TestBackend(handler, freePort());
    }

    /** A backend answering 200 {@code <name> saw <uri>} with header {@code X-Backend: <name>}, and what it saw of some headers. */
    static TestBackend echo(String name) {
        return started(exchange -> respond(exchange, 200, "text/plain", name + " saw " + exchange.getRequestURI(),
                "X-Backend", name, "X-Backend-Saw-Forwarded-Host", String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Host")),
                "X-Backend-Saw-Request-Start", String.valueOf(exchange.getRequestHeaders().get("X-Request-Start")),
                "X-Backend-Saw-Proxy", String.valueOf(exchange.getRequestHeaders().getFirst(RateLimiting.PROXY))));
    }

    /** A port nothing listens on: taken and released at once. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body, String... headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    int hits() {
        return hits.get();
    }
}
