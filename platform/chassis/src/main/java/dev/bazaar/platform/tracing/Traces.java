package dev.bazaar.platform.tracing;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * What a service needs to keep one order's journey in one trace, beyond what Spring instruments by itself (HTTP in
 * and out, Kafka listeners):
 * <ul>
 *   <li>{@link #current()}: the context to store with an event in the outbox, so that the relay and the consumers
 *       continue it;</li>
 *   <li>{@link #correlate(String)}: names the order (the {@code bazaar.tracing.correlation-field} baggage), which from
 *       then on travels with the context, tags every span ({@code orderId}) and is on every log line;</li>
 *   <li>{@link #resume}: for work done later by a loop rather than in answer to a message (a charge, a pick-up): the
 *       step that makes the work due stores {@link #current()} with it, in the row it writes anyway (the payment, the
 *       shipment), and the loop that reads the row does the work as a span of that context.</li>
 * </ul>
 * Without a tracer (tracing switched off) every method does nothing and the work runs untraced.
 */
public class Traces {

    /** What came of the work a span stands for: {@code applied}, {@code duplicate}, {@code captured}, {@code declined}... */
    public static final String OUTCOME_TAG = "bazaar.outcome";
    /** The type of the event a span publishes or receives. */
    public static final String EVENT_TYPE_TAG = "bazaar.event.type";

    private final Tracer tracer;
    private final Propagator propagator;
    private final Clock clock;
    private final String correlationField;

    public Traces(Tracer tracer, Propagator propagator, Clock clock, String correlationField) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.clock = clock;
        this.correlationField = correlationField;
    }

    /** The current span's context; {@link TraceContext#NONE} outside any trace. */
    public TraceContext current() {
        Span span = tracer.currentSpan();
        return span == null ? TraceContext.NONE : contextOf(span);
    }

    /** Sets the correlation field (the order's id) on the current trace: it goes wherever the trace goes from here. */
    public void correlate(String value) {
        if (tracer.currentSpan() != null) {
            tracer.getBaggage(correlationField).set(value);
        }
    }

    /** Tags the current span, if any: {@code bazaar.event.type}, {@code bazaar.outcome}. */
    public void tag(String key, String value) {
        Span span = tracer.currentSpan();
        if (span != null && value != null) {
            span.tag(key, value);
        }
    }

    /**
     * Tags a span with the correlation field its context carries ({@code orderId}), so that Zipkin finds every span of
     * the journey by it. Boot's {@code tag-fields} tags only the span where the field was set, not those that receive it.
     */
    public Span tagCorrelation(Span span) {
        String value = tracer.getBaggage(span.context(), correlationField).get(span.context());
        if (value != null) {
            span.tag(correlationField, value);
        }
        return span;
    }

    /** {@link #tagCorrelation(Span)} for the current span, if any. */
    public void tagCorrelation() {
        Span span = tracer.currentSpan();
        if (span != null) {
            tagCorrelation(span);
        }
    }

    /**
     * Starts a span of this process as a child of a stored context (a new trace when there is none).
     *
     * @param kind  {@code PRODUCER} for publishing, {@code CONSUMER} for receiving, null for work within the process
     * @param start when it started; null for now
     */
    public Span startChild(TraceContext parent, String name, Span.Kind kind, Instant start) {
        if (start == null) {
            start = clock.instant();
        }
        Span.Builder builder = parent.isEmpty() ? tracer.spanBuilder().setNoParent()
                : propagator.extract(parent.headers(), Map::get);
        if (kind != null) {
            builder = builder.kind(kind);
        }
        return builder.name(name)
                .startTimestamp(start.getEpochSecond() * 1_000_000 + start.getNano() / 1_000, TimeUnit.MICROSECONDS).start();
    }

    /** Makes a span the current one (for tags, the outbox, log lines) until the scope closes. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /** The context of a span, to hand on (as Kafka headers, say). */
    public TraceContext contextOf(Span span) {
        Map<String, String> headers = new HashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        return TraceContext.of(headers);
    }

    /**
     * Does work as a span, a child of the context stored with it by the step that made it due (untraced when none was
     * stored); errors mark the span.
     */
    public <T> T resume(TraceContext context, String name, Supplier<T> work) {
        if (context.isEmpty()) {
            return work.get();
        }
        Span span = tagCorrelation(startChild(context, name, null, clock.instant()));
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
