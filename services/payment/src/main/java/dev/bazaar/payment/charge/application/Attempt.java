package dev.bazaar.payment.charge.application;

import dev.bazaar.payment.charge.CardProcessor.Authorization;

/**
 * The outcome of one guarded call to the card processor: its answer (an authorization for a
 * charge, nothing for a void or a refund), or why it failed, what kind of failure that was, and
 * whether the processor may have acted all the same.
 */
record Attempt(boolean answered, Authorization authorization, Failure kind, String failure, boolean processorMayHaveActed) {

    /** How a call failed, in few enough kinds to count them apart (bazaar.payments.processor.errors). */
    enum Failure {
        /** The processor refused the call or could not be reached: it did nothing. */
        UNAVAILABLE("unavailable"),
        /** No answer in time: it may have acted. */
        TIMEOUT("timeout"),
        /** Not made: the circuit is open after repeated failures. */
        CIRCUIT_OPEN("circuit_open"),
        /** Anything else (an unexpected exception, an interrupted wait). */
        ERROR("error");

        private final String tag;

        Failure(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }

    static Attempt answer(Authorization authorization) {
        return new Attempt(true, authorization, null, null, false);
    }

    static Attempt failed(Failure kind, String failure, boolean processorMayHaveActed) {
        return new Attempt(false, null, kind, failure, processorMayHaveActed);
    }
}
