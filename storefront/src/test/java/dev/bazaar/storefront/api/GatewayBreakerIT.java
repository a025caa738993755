package dev.bazaar.storefront.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bazaar.storefront.StorefrontProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.client.RestClient;

/** A gateway that takes connections and never answers: after a few such calls, pages fail at once without calling it. */
class GatewayBreakerIT {

    private ServerSocket silentGateway;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        silentGateway = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silentGateway.isClosed()) {
                try (Socket connection = silentGateway.accept()) {
                    connections.incrementAndGet(); // and closed at once: no answer
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        silentGateway.close();
    }

    @Test
    void opensAfterCallsThatGotNoAnswerAndThenFailsFastWithoutCallingTheGateway() {
        URI address = URI.create("http://127.0.0.1:" + silentGateway.getLocalPort());
        Gateway gateway = new Gateway(RestClient.builder(), new StorefrontProperties(address, address, null),
                mock(OAuth2AuthorizedClientManager.class));

        for (int call = 0; call < 5; call++) {
            assertThatThrownBy(() -> gateway.stock("BOOK-001")).isInstanceOf(Unavailable.class)
                    .hasMessageStartingWith("inventory could not be reached through the gateway");
        }
        int beforeOpen = connections.get();
        assertThat(beforeOpen).isPositive();

        assertThatThrownBy(() -> gateway.stock("BOOK-001")).isInstanceOf(Unavailable.class)
                .hasMessage("the gateway has not been answering; trying again in a few seconds");
        assertThat(connections.get()).as("connections after the breaker opened").isEqualTo(beforeOpen);
    }
}
