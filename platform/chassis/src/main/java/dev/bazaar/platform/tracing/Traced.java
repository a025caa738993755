package dev.bazaar.platform.tracing;

/**
 * Work due, read together with the trace context stored with it ({@link Traces#resume}): a payment to charge, a
 * shipment to pick up.
 */
public record Traced<T>(T value, TraceContext trace) {
}
