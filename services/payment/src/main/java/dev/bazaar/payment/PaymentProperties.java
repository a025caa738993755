package dev.bazaar.payment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.bazaar.payment.charge.Backoff;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param processor how payment treats its card processor
 * @param cardKeys  the one-time keys card numbers are encrypted for, and what wraps them at rest
 */
@ConfigurationProperties("payment")
public record PaymentProperties(@DefaultValue Processor processor, @DefaultValue CardKeys cardKeys) {

    /**
     * The one-time card keys ({@code payment.card-keys.*}).
     *
     * @param pool         how many keys stay offered to ordering; each order uses one, so this is how many orders can be
     *                     placed while payment is away
     * @param kekDirectory where the key-encryption keys are kept, one file each, readable by the owner only
     * @param keks         key-encryption keys given by the environment instead, {@code <id>:<base64 of 32 bytes>},
     *                     the last one current; rotating them means adding one and restarting
     */
    public record CardKeys(@DefaultValue("1000") int pool, Path kekDirectory, List<String> keks) {

        public CardKeys {
            if (pool < 1 || pool > 100_000) {
                throw new IllegalArgumentException("payment.card-keys.pool must be 1 to 100000, was " + pool);
            }
            keks = keks == null ? List.of() : List.copyOf(keks);
            if (keks.isEmpty() && kekDirectory == null) {
                throw new IllegalArgumentException("payment.card-keys needs a kek-directory, or keks from the environment");
            }
        }
    }

    /**
     * How payment treats its card processor ({@code payment.processor.*}): the time limit of one call,
     * the backoff between attempts, when the circuit breaker opens and for how long, and how the worker
     * that makes the calls polls and leases payments.
     *
     * @param timeout             one call's time limit; an unanswered call counts as a failure and may have acted
     * @param backoffInitial      the delay after the first failed attempt, doubled after each further one
     * @param backoffMax          the cap of that delay
     * @param circuitFailureRate  percentage of failed calls, among the last {@code circuitWindow}, that opens the circuit
     * @param circuitWindow       how many recent calls the breaker judges by
     * @param circuitMinimumCalls how many calls it needs before judging at all
     * @param circuitOpenFor      how long an open circuit skips calls before letting a few through again
     * @param circuitHalfOpenCalls how many trial calls decide whether to close it again
     * @param workerInterval      how often the worker looks for due payments when nothing wakes it: a commit that makes a
     *                            payment due wakes it, and a failed call is tried again when its backoff ends; this is for
     *                            payments whose lease ran out, or that another instance left
     * @param workerBatch         how many payments one worker calls about at once
     * @param workerLease         how long a claimed payment stays reserved to its worker; longer than a call
     */
    public record Processor(
            @DefaultValue("2s") Duration timeout,
            @DefaultValue("1s") Duration backoffInitial,
            @DefaultValue("30s") Duration backoffMax,
            @DefaultValue("50") float circuitFailureRate,
            @DefaultValue("10") int circuitWindow,
            @DefaultValue("5") int circuitMinimumCalls,
            @DefaultValue("10s") Duration circuitOpenFor,
            @DefaultValue("2") int circuitHalfOpenCalls,
            @DefaultValue("5s") Duration workerInterval,
            @DefaultValue("8") int workerBatch,
            @DefaultValue("30s") Duration workerLease) {

        public Processor {
            if (workerLease.compareTo(timeout.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("payment.processor.worker-lease (" + workerLease
                        + ") must be at least twice the call timeout (" + timeout + "), or a slow call could be made twice at once");
            }
            if (workerBatch < 1) {
                throw new IllegalArgumentException("payment.processor.worker-batch must be positive, was " + workerBatch);
            }
        }

        public Backoff backoff() {
            return new Backoff(backoffInitial, backoffMax);
        }
    }
}
