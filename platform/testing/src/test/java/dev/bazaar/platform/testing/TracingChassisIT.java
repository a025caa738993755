package dev.bazaar.platform.testing;

import java.time.Duration;
import java.util.UUID;

import dev.bazaar.platform.tracing.TraceContext;
import dev.bazaar.platform.tracing.Traces;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chassis keeps an order's journey in one trace: an event carries the context of the transaction that wrote it,
 * through a producer span of the relay, with the correlation field as baggage; work done later resumes the context
 * stored with it. Against the real embedded PostgreSQL and Kafka of the probe service.
 */
@ServiceIntegrationTest
class TracingChassisIT {

    @Autowired
    ProbeApplication.Probe probe;
    @Autowired
    Traces traces;
    @Autowired
    Tracer tracer;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void anEventCarriesItsWritersTraceAndCorrelationAndLaterWorkResumesIt() {
        String subject = UUID.randomUUID().toString();
        TraceContext[] stored = new TraceContext[1];
        Span writer = tracer.nextSpan().name("writer").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(writer)) {
            traces.correlate(subject);
            transactions.executeWithoutResult(status -> {
                probe.ping(subject, "traced");
                // What a service writes into the row of the work it makes due (a payment, a shipment).
                stored[0] = traces.current();
            });
        } finally {
            writer.end();
        }

        ConsumerRecord<String, String> published = KafkaEvents.await("probe.events", Duration.ofSeconds(10),
                KafkaEvents.ofType("Pinged", subject));
        String traceparent = KafkaEvents.header(published, "traceparent").orElseThrow();
        // 00-<trace id>-<span id>-01: the writer's trace, under the relay's producer span rather than the writer itself.
        String[] fields = traceparent.split("-");
        assertThat(fields[1]).isEqualTo(writer.context().traceId());
        assertThat(fields[2]).isNotEqualTo(writer.context().spanId());
        assertThat(KafkaEvents.header(published, "baggage")).contains("orderId=" + subject);

        // A loop, outside any trace, does the later work as a span of the stored one, with the correlation in it.
        assertThat(tracer.currentSpan()).isNull();
        String[] resumed = traces.resume(stored[0], "later work",
                () -> new String[] {tracer.currentSpan().context().traceId(), tracer.getBaggage("orderId").get()});
        assertThat(resumed).containsExactly(writer.context().traceId(), subject);
        assertThat(tracer.currentSpan()).isNull();
        // Nothing stored (a row written outside any trace): the work runs, untraced.
        assertThat(traces.resume(TraceContext.NONE, "later work", () -> tracer.currentSpan())).isNull();
    }
}
