package dev.bazaar.storefront.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import dev.bazaar.storefront.StorefrontProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The storefront's client of the gateway, against a fake gateway answering what each test says. A visitor's anonymous
 * request is passed on as theirs: the gateway is told their address, with the secret that makes it believe it, so that
 * rate limits count each visitor and not the whole shop as one.
 */
class GatewayClientIT {

    private static final String SECRET = "the-shops-secret";

    private HttpServer gateway;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private volatile int status = 404;
    private volatile String answer = "{\"status\":404,\"detail\":\"no such product\"}";

    @BeforeEach
    void start() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            seen.put("X-Forwarded-For", String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
            seen.put("X-Bazaar-Proxy", String.valueOf(exchange.getRequestHeaders().getFirst("X-Bazaar-Proxy")));
            seen.put("query", String.valueOf(exchange.getRequestURI().getRawQuery()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        RequestContextHolder.resetRequestAttributes();
        gateway.stop(0);
    }

    @Test
    void aVisitorsRequestIsPassedOnWithTheirAddressAndTheProxySecret() {
        MockHttpServletRequest visit = new MockHttpServletRequest("GET", "/products/NOPE-1");
        visit.setRemoteAddr("203.0.113.7");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(visit));

        assertThatThrownBy(() -> shop(SECRET).stock("NOPE-1")).isInstanceOf(Refused.class);
        assertThat(seen).containsEntry("X-Forwarded-For", "203.0.113.7").containsEntry("X-Bazaar-Proxy", SECRET);
    }

    @Test
    void withoutASecretOrOutsideAVisitTheShopSpeaksForItself() {
        assertThatThrownBy(() -> shop(SECRET).stock("NOPE-1")).isInstanceOf(Refused.class);
        assertThat(seen).containsEntry("X-Forwarded-For", "null").containsEntry("X-Bazaar-Proxy", "null");

        MockHttpServletRequest visit = new MockHttpServletRequest("GET", "/products/NOPE-1");
        visit.setRemoteAddr("203.0.113.7");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(visit));
        assertThatThrownBy(() -> shop(null).stock("NOPE-1")).isInstanceOf(Refused.class);
        assertThat(seen).containsEntry("X-Forwarded-For", "null").containsEntry("X-Bazaar-Proxy", "null");
    }

    @Test
    void anOrderThatOrderingCouldNotTellIsUnavailableNotAPageWithoutAnOrder() {
        // The gateway's composition answers 200 with the order part unavailable while ordering is down or slow.
        status = 200;
        answer = """
                {"id":"o-1","order":{"state":"unavailable","detail":"ordering did not answer within 1500 ms"},
                 "payment":{"state":"ok","value":{"status":"CAPTURED"}},"shipment":{"state":"unavailable"}}""";

        // Before: the overview came back without an order, and the order page failed with a NullPointerException (500).
        assertThatThrownBy(() -> shop(null).order("o-1")).isInstanceOf(Unavailable.class)
                .hasMessageContaining("ordering did not answer within 1500 ms");
    }

    @Test
    void aSearchIsSentAsTypedPlusSignsAndAll() {
        status = 200;
        answer = "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}";

        shop(null).products("C++ & Rust", null, 0, 20);

        assertThat(seen.get("query")).startsWith("q=C%2B%2B%20%26%20Rust&");
    }

    private Gateway shop(String secret) {
        URI address = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
        return new Gateway(RestClient.builder(), new StorefrontProperties(address, address, secret), mock(OAuth2AuthorizedClientManager.class));
    }
}
