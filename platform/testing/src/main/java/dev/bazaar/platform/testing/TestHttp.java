package dev.bazaar.platform.testing;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/** HTTP against the service under test. */
public final class TestHttp {

    private TestHttp() {
    }

    /**
     * A client of {@code http://localhost:<port>} that returns error responses instead of throwing,
     * so that a test asserts on a 400 or 404 problem exactly as on a 200. Like the launcher's tools, it sends the
     * operator's token to {@code /admin}, and nothing elsewhere.
     */
    public static RestClient client(int port) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .requestInterceptor((request, body, execution) -> {
                    if (request.getURI().getPath().startsWith("/admin/") && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                        request.getHeaders().setBearerAuth(TestTokens.operator());
                    }
                    return execution.execute(request, body);
                })
                .build();
    }

    /** A client that sends this bearer token with every request: a shopper's, staff's ({@link TestTokens}). */
    public static RestClient as(int port, String token) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }

    /** A client that sends no token at all, for the refusals. */
    public static RestClient anonymous(int port) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }
}
