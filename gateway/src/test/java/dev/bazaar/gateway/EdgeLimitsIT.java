package dev.bazaar.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The front door tried on the wire as an attacker would: every refusal a problem document, whichever layer refuses. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgeLimitsIT {

    private static final TestBackend ordering = TestBackend.echo("ordering");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("bazaar.gateway.instances.ordering", ordering::url);
    }

    @AfterAll
    static void stopBackend() {
        ordering.stop();
    }

    @Test
    void aRequestWithinTheLimitsIsForwarded() throws IOException {
        Answer answer = send("POST /api/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("ordering saw /api/orders");
    }

    @Test
    void aBodyTooLargeOrWithoutALengthIsRefused() throws IOException {
        Answer tooLarge = send("POST /api/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + 300 * 1024 + "\r\nConnection: close\r\n\r\n{}");
        Answer chunked = send("POST /api/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n");

        assertProblem(tooLarge, 413);
        assertThat(tooLarge.body()).contains("at most 256 KB");
        assertProblem(chunked, 411);
    }

    @Test
    void aLongTargetOrLargeHeadersAreRefusedWithAProblemUpToTheTransportsCeilingAndBeyondIt() throws IOException {
        String longQuery = "q=" + "a".repeat(10 * 1024);
        String hugeQuery = "q=" + "a".repeat(70 * 1024);
        String bigHeader = "X-Big: " + "a".repeat(20 * 1024);
        String hugeHeader = "X-Big: " + "a".repeat(70 * 1024);

        assertProblem(send("GET /api/orders?" + longQuery + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 414);
        assertProblem(send("GET /api/orders?" + hugeQuery + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 414);
        assertProblem(send("GET /api/orders HTTP/1.1\r\nHost: x\r\n" + bigHeader + "\r\nConnection: close\r\n\r\n"), 431);
        assertProblem(send("GET /api/orders HTTP/1.1\r\nHost: x\r\n" + hugeHeader + "\r\nConnection: close\r\n\r\n"), 431);
    }

    @Test
    void traceIsNotAllowed() throws IOException {
        assertProblem(send("TRACE /api/orders HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405);
    }

    @Test
    void theGatewayListensOnTheLoopbackOnly() {
        // 127.0.0.2 reaches this machine's loopback interface too: a server listening on every address would answer.
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.2", port), 2000))
                .isInstanceOf(ConnectException.class);
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.head()).isEqualTo(status);
        assertThat(answer.head().toLowerCase()).as(answer.head()).contains("content-type: application/problem+json");
        assertThat(answer.body()).contains("\"status\":" + status).contains("https://bazaar.dev/problems/");
    }

    /** One request written byte for byte, as no HTTP client would. */
    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            return new Answer(answer.substring(0, Math.max(split, 0)), split < 0 ? "" : answer.substring(split + 4));
        }
    }

    record Answer(String head, String body) {
        int status() {
            return Integer.parseInt(head.split(" ")[1]);
        }
    }
}
