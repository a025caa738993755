package dev.bazaar.console.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the dashboard's traces panel says when what answers at Zipkin's address is not Zipkin's API. */
class RecentOrdersIT {

    @Test
    void anAnswerThatIsNotZipkinsJsonIsThePanelsProblemNotTheDashboards() throws IOException {
        HttpServer notZipkin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notZipkin.createContext("/", exchange -> {
            byte[] page = "<html><body>Gateway Timeout</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        notZipkin.start();
        try {
            RecentOrders recent = new RecentOrders(URI.create("http://127.0.0.1:" + notZipkin.getAddress().getPort() + "/"),
                    JsonMapper.builder().build(), Clock.systemUTC());

            // Before: Jackson's exception left the panel, and /api/dashboard answered 500.
            RecentOrders.Orders orders = recent.recent();
            assertThat(orders.problem()).contains("is not its API's JSON");
            assertThat(orders.slowest()).isEmpty();
        } finally {
            notZipkin.stop(0);
        }
    }
}
