package dev.bazaar.platform.testing;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/** HTTP against the service under test. */
public final class TestHttp {

    private TestHttp() {
    }

    /**
     * A client of {@code http://localhost:<port>} that returns error responses instead of throwing,
     * so that a test asserts on a 400 or 404 problem exactly as on a 200.
     */
    public static RestClient client(int port) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }
}
