package dev.bazaar.platform.tracing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.platform.work.AfterCommit;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a service needs to keep one order's journey in one trace, beyond what Spring instruments by itself (HTTP in
 * and out, Kafka listeners):
 * <ul>
 *   <li>{@link #current()}: the context to store with an event in the outbox, so that the relay and the consumers
 *       continue it;</li>
 *   <li>{@link #correlate(String)}: names the order (the {@code bazaar.tracing.correlation-field} baggage), which from
 *       then on travels with the context, tags every span ({@code orderId}) and is on every log line;</li>
 *   <li>{@link #remember(String)} and {@link #resume}: for work done later by a loop rather than in answer to a
 *       message (a charge, a pick-up): the context is kept under a key and the later work is a span in it.</li>
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
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String correlationField;
    /**
     * What this process remembered, once committed: the work is usually resumed by the process that made it due (a
     * charge, a carrier's pick-up and delivery), which then need not read its context back. A context another instance
     * remembered, or one no longer kept (older than ten minutes, or from before a restart), is read from the table.
     */
    private final Cache<String, TraceContext> remembered = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    public Traces(Tracer tracer, Propagator propagator, JdbcClient jdbc, Clock clock, String correlationField) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.jdbc = jdbc;
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
     * Keeps the current context under a key (an order's id), in the caller's transaction, for {@link #resume}: the step
     * that makes later work due (stock reserved, so a charge is due) calls it, and the work becomes its child. A key
     * names one piece of work: later work made due by another step gets a key of its own ({@code <order>:REFUND}), since
     * the instance that remembered the first may resume from memory.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void remember(String key) {
        TraceContext context = current();
        if (context.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into trace_context (subject, traceparent, baggage, remembered_at) values (:key, :traceparent, :baggage, :at)
                on conflict (subject) do update
                set traceparent = excluded.traceparent, baggage = excluded.baggage, remembered_at = excluded.remembered_at""")
                .param("key", key)
                .param("traceparent", context.traceparent())
                .param("baggage", context.baggage())
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .update();
        AfterCommit.run(() -> remembered.put(key, context));
    }

    /** Does work as a span of the trace remembered under the key (untraced when none was); errors mark the span. */
    public <T> T resume(String key, String name, Supplier<T> work) {
        TraceContext kept = remembered.getIfPresent(key);
        Optional<TraceContext> context = kept != null ? Optional.of(kept)
                : jdbc.sql("select traceparent, baggage from trace_context where subject = :key")
                        .param("key", key)
                        .query((rs, row) -> new TraceContext(rs.getString(1), rs.getString(2)))
                        .optional();
        if (context.isEmpty()) {
            return work.get();
        }
        Span span = tagCorrelation(startChild(context.get(), name, null, clock.instant()));
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Forgets contexts kept longer than the retention (a week, as the inbox's): an order is long over by then. */
    public int forgetBefore(Duration retention) {
        return jdbc.sql("delete from trace_context where remembered_at < :cutoff")
                .param("cutoff", java.sql.Timestamp.from(clock.instant().minus(retention)))
                .update();
    }
}
