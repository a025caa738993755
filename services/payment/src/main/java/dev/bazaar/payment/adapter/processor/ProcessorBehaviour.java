package dev.bazaar.payment.adapter.processor;

/**
 * How the simulated processor misbehaves, changed at runtime for drills: a delay before each
 * answer, a share of calls refused at random (503), or an outage in which every call is refused at
 * once (connection refused).
 */
record ProcessorBehaviour(long latencyMs, double failureRate, boolean outage) {

    static final long MAX_LATENCY_MS = 60_000;
    static final ProcessorBehaviour HEALTHY = new ProcessorBehaviour(0, 0.0, false);

    ProcessorBehaviour {
        if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
            throw new IllegalArgumentException("latencyMs must be between 0 and " + MAX_LATENCY_MS + ", was " + latencyMs);
        }
        if (!(failureRate >= 0.0 && failureRate <= 1.0)) {
            throw new IllegalArgumentException("failureRate must be between 0 and 1, was " + failureRate);
        }
    }
}
