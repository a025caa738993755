package dev.bazaar.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The web edge the chassis gives every service, tried on the wire as an attacker would: bounded bodies, strict JSON,
 * UTF-8 only, no TRACE, every error a problem document whichever layer answers, and nothing but the loopback.
 */
@ServiceIntegrationTest
class WebEdgeIT {

    @LocalServerPort
    int port;

    @Test
    void aBodyLargerThanTheLimitIsRefusedBeforeItIsRead() throws IOException {
        String big = "{\"text\":\"" + "a".repeat(300 * 1024) + "\"}";

        Answer declared = send("POST /probe/notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + big.length() + "\r\nConnection: close\r\n\r\n" + big);
        Answer chunked = send("POST /probe/notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n" + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n");

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.problemType()).isEqualTo("payload-too-large");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.problemType()).isEqualTo("payload-too-large");
    }

    @Test
    void jsonIsReadAsWrittenWithoutCoercionOrDuplicates() throws IOException {
        assertThat(post("{\"text\":\"hello\",\"count\":2}").status()).isEqualTo(200);

        assertThat(post("{\"text\":\"hello\",\"count\":\"2\"}").body()).contains("count must be a number");
        assertThat(post("{\"text\":4242424242424242}").body()).contains("text must be a string").doesNotContain("4242");
        assertThat(post("{\"text\":\"hello\",\"count\":1.5}").body()).contains("count must be a number");
        Answer twice = post("{\"text\":\"a\",\"text\":\"b\"}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body()).contains("names text twice");
        // Cut short inside a field: broken where it broke, not blamed on the field the parser had reached.
        assertThat(post("{\"text\":\"hel").body()).contains("The request body is not valid JSON (line 1, column ")
                .doesNotContain("text is not readable");
        assertThat(post("[1,2]").body()).contains("The request body must be an object");
    }

    @Test
    void aBodyInAnotherCharsetThanUtf8IsRefused() throws IOException {
        Answer answer = send("POST /probe/notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json;charset=UTF-16\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.problemType()).isEqualTo("unsupported-media-type");
    }

    @Test
    void everyErrorIsAProblemDocumentWhicheverLayerAnswers() throws IOException {
        Answer trace = send("TRACE /probe/notes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Answer encodedSlash = send("GET /probe/a%2Fb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Answer nulInPath = send("GET /probe/a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Answer unknown = send("GET /probe/nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Answer wrongMethod = send("DELETE /probe/notes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(trace.status()).isEqualTo(405);
        assertThat(encodedSlash.status()).isEqualTo(400);
        assertThat(nulInPath.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.problemType()).as("Spring's own problem, given a type of ours").isEqualTo("method-not-allowed");
        for (Answer answer : new Answer[] {trace, encodedSlash, nulInPath, unknown, wrongMethod}) {
            assertThat(answer.contentType()).as(answer.head()).startsWith("application/problem+json");
            assertThat(answer.body()).as(answer.head()).contains("\"status\":" + answer.status()).doesNotContain("<html", "Tomcat");
        }
    }

    @Test
    void theServiceListensOnTheLoopbackOnly() {
        // 127.0.0.2 reaches this machine's loopback interface too: a server listening on every address would answer.
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.2", port), 2000))
                .isInstanceOf(ConnectException.class);
    }

    private Answer post(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send("POST /probe/notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n" + json);
    }

    /** One request written byte for byte, as no HTTP client would (encoded slashes, chunked bodies, TRACE). */
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

        String contentType() {
            return head.lines().filter(line -> line.toLowerCase().startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).trim()).findFirst().orElse("");
        }

        String problemType() {
            int at = body.indexOf("https://bazaar.dev/problems/");
            return at < 0 ? "" : body.substring(at + "https://bazaar.dev/problems/".length(), body.indexOf('"', at));
        }
    }
}
