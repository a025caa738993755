package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trace files read as hops, requests, chains and propagated errors. */
class TracesIT {

    @TempDir
    Path dir;

    /** Bazaar's shape: the gateway forwards a checkout to ordering, which answers and publishes; payment reads later. */
    private static final String EVENT_DRIVEN = """
            [[
             {"traceId":"t1","id":"a","name":"http post","kind":"SERVER","localEndpoint":{"serviceName":"gateway"}},
             {"traceId":"t1","id":"b","parentId":"a","name":"http post","kind":"CLIENT","localEndpoint":{"serviceName":"gateway"}},
             {"traceId":"t1","id":"c","parentId":"b","name":"http post /api/orders","kind":"SERVER","localEndpoint":{"serviceName":"ordering"}},
             {"traceId":"t1","id":"d","parentId":"c","name":"publish orderplaced","kind":"PRODUCER","localEndpoint":{"serviceName":"ordering"}},
             {"traceId":"t1","id":"e","parentId":"d","name":"ordering.events process","kind":"CONSUMER","localEndpoint":{"serviceName":"payment"}},
             {"traceId":"t1","id":"f","parentId":"e","name":"processor charge","localEndpoint":{"serviceName":"payment"}}
            ]]""";

    /** The counter-example's shape: order waits on user, then product, then payment, which fails, and so does order. */
    private static final String CHAIN = """
            [
             {"traceId":"t2","id":"1","name":"post /orders","kind":"SERVER","localEndpoint":{"serviceName":"order-service"},"tags":{"error":"402"}},
             {"traceId":"t2","id":"2","parentId":"1","name":"get","kind":"CLIENT","localEndpoint":{"serviceName":"order-service"}},
             {"traceId":"t2","id":"3","parentId":"2","name":"get /users/{id}","kind":"SERVER","localEndpoint":{"serviceName":"user-service"}},
             {"traceId":"t2","id":"4","parentId":"1","name":"post","kind":"CLIENT","localEndpoint":{"serviceName":"order-service"}},
             {"traceId":"t2","id":"5","parentId":"4","name":"post /products/{id}/reserve","kind":"SERVER","localEndpoint":{"serviceName":"product-service"}},
             {"traceId":"t2","id":"6","parentId":"5","name":"post","kind":"CLIENT","localEndpoint":{"serviceName":"product-service"}},
             {"traceId":"t2","id":"7","parentId":"6","name":"post /payments","kind":"SERVER","localEndpoint":{"serviceName":"payment-service"},"tags":{"http.status_code":"500"}}
            ]""";

    @Test
    void anEventDrivenRequestWaitsOnNoOtherService() throws IOException {
        Files.writeString(dir.resolve("bazaar.json"), EVENT_DRIVEN);

        Traces.Findings findings = Traces.read(dir, Set.of("gateway"));

        assertThat(findings.traces()).isEqualTo(1);
        assertThat(findings.spans()).isEqualTo(6);
        assertThat(findings.requests()).singleElement().satisfies(r -> {
            assertThat(r.service()).isEqualTo("ordering");
            assertThat(r.waitedOn()).isEmpty();
            assertThat(r.longestChain()).containsExactly("ordering");
        });
        assertThat(findings.hops()).extracting(h -> h.from() + (h.synchronous() ? "->" : "~>") + h.to())
                .containsExactlyInAnyOrder("gateway->ordering", "ordering~>payment");
        assertThat(findings.waiting()).isEmpty();
    }

    @Test
    void aSynchronousChainShowsItsLengthFanOutAndTheErrorItPassedUp() throws IOException {
        Files.writeString(dir.resolve("chain.json"), CHAIN);

        Traces.Findings findings = Traces.read(dir, Set.of());

        assertThat(findings.requests()).singleElement().satisfies(r -> {
            assertThat(r.service()).isEqualTo("order-service");
            assertThat(r.waitedOn()).containsExactly("payment-service", "product-service", "user-service");
            assertThat(r.fanOut()).isEqualTo(2);
            assertThat(r.longestChain()).containsExactly("order-service", "product-service", "payment-service");
        });
        // payment failed under product, which did not fail: no propagation there; order's own error came from its
        // own span, not from a failed callee.
        assertThat(findings.propagatedErrors(Set.of())).isEmpty();
    }

    @Test
    void anErrorPassedUpASynchronousHopIsPropagation() throws IOException {
        Files.writeString(dir.resolve("chain.json"), CHAIN.replace(
                "\"name\":\"post /products/{id}/reserve\",\"kind\":\"SERVER\",",
                "\"name\":\"post /products/{id}/reserve\",\"kind\":\"SERVER\",\"tags\":{\"error\":\"boom\"},"));

        List<Traces.Hop> propagated = Traces.read(dir, Set.of()).propagatedErrors(Set.of());

        assertThat(propagated).extracting(h -> h.from() + "->" + h.to())
                .containsExactlyInAnyOrder("product-service->payment-service", "order-service->product-service");
    }

    @Test
    void readsOpenTelemetryJsonAndSaysWhatItCouldNotRead() throws IOException {
        Files.writeString(dir.resolve("otlp.json"), """
                {"resourceSpans":[
                 {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"order-service"}}]},
                  "scopeSpans":[{"spans":[
                   {"traceId":"t3","spanId":"1","name":"POST /orders","kind":2},
                   {"traceId":"t3","spanId":"2","parentSpanId":"1","name":"GET","kind":"SPAN_KIND_CLIENT"}]}]},
                 {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"user-service"}}]},
                  "scopeSpans":[{"spans":[
                   {"traceId":"t3","spanId":"3","parentSpanId":"2","name":"GET /users/{id}","kind":2,"status":{"code":2}}]}]}]}""");
        Files.writeString(dir.resolve("broken.json"), "{not json");
        Files.writeString(dir.resolve("other.json"), "{\"hello\":1}");

        Traces.Findings findings = Traces.read(dir, Set.of());

        assertThat(findings.files()).containsExactly("otlp.json");
        assertThat(findings.unreadable()).hasSize(2).anySatisfy(u -> assertThat(u).startsWith("broken.json: not JSON"))
                .anySatisfy(u -> assertThat(u).startsWith("other.json: no Zipkin v2 or OTLP spans"));
        assertThat(findings.requests()).singleElement()
                .satisfies(r -> assertThat(r.waitedOn()).containsExactly("user-service"));
        assertThat(findings.hops()).singleElement().satisfies(h -> {
            assertThat(h.synchronous()).isTrue();
            assertThat(h.calleeFailed()).isTrue();
            assertThat(h.callerFailed()).isFalse();
        });
    }
}
