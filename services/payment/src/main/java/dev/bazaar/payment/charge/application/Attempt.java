package dev.bazaar.payment.charge.application;

import dev.bazaar.payment.charge.CardProcessor.Authorization;

/**
 * The outcome of one guarded call to the card processor: its answer (an authorization for a
 * charge, nothing for a void or a refund), or why it failed and whether the processor may have
 * acted all the same.
 */
record Attempt(boolean answered, Authorization authorization, String failure, boolean processorMayHaveActed) {

    static Attempt answer(Authorization authorization) {
        return new Attempt(true, authorization, null, false);
    }

    static Attempt failed(String failure, boolean processorMayHaveActed) {
        return new Attempt(false, null, failure, processorMayHaveActed);
    }
}
