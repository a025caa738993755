package dev.bazaar.payment.charge.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bazaar.payment.PaymentProperties;
import dev.bazaar.payment.cardkey.application.CardKeys;
import dev.bazaar.payment.charge.CardNumber;
import dev.bazaar.payment.charge.CardProcessor;
import dev.bazaar.payment.charge.EncryptedCard;
import dev.bazaar.payment.charge.Payment;
import dev.bazaar.payment.charge.PaymentEvent;
import dev.bazaar.payment.charge.Payments;
import dev.bazaar.payment.charge.ProcessorOperation;
import dev.bazaar.platform.messaging.Outbox;
import dev.bazaar.platform.tracing.Traced;
import dev.bazaar.platform.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.bazaar.platform.work.Worker;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the calls that payments owe the card processor — charges, voids, refunds — and records
 * their outcomes. No transaction is open during a call: a payment is claimed (leased) in one short
 * transaction, the processor is called outside any, and the outcome is recorded, with the event it
 * publishes, in another. A crash between the processor's answer and that commit leaves the lease
 * to run out; the call is then made again with the same idempotency key and the processor answers
 * as before, so nothing is charged twice.
 *
 * <p>Several instances may run side by side: a claim skips rows another holds and leases the ones
 * it takes. A failed call is recorded and the payment is due again after its backoff — forever,
 * until the call succeeds or the order is cancelled.
 */
@Component
public class PaymentWorker implements DisposableBean {

    static final String UNREADABLE_CARD = "card could not be read";
    private static final Logger log = LoggerFactory.getLogger(PaymentWorker.class);

    private final Payments payments;
    private final DuePayments duePayments;
    private final CardKeys keys;
    private final CardProcessor processor;
    private final ProcessorGuard guard;
    private final PaymentMetrics metrics;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PaymentProperties.Processor policy;
    private final Traces traces;
    private final ExecutorService attemptThreads;
    private final Worker loop;

    public PaymentWorker(Payments payments, DuePayments duePayments, CardKeys keys, CardProcessor processor, ProcessorGuard guard,
                         PaymentMetrics metrics, Outbox outbox, TransactionTemplate transactions, Clock clock,
                         PaymentProperties properties, Traces traces) {
        this.payments = payments;
        this.duePayments = duePayments;
        this.keys = keys;
        this.processor = processor;
        this.guard = guard;
        this.metrics = metrics;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.policy = properties.processor();
        this.traces = traces;
        AtomicInteger threads = new AtomicInteger();
        this.attemptThreads = Executors.newFixedThreadPool(this.policy.workerBatch(), runnable -> {
            Thread thread = new Thread(runnable, "payment-attempt-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // A step waits for its calls, each bounded by the processor timeout, so twice that is already too long.
        this.loop = new Worker("payment-worker", policy.workerInterval(), () -> runOnce() == policy.workerBatch(),
                policy.timeout().multipliedBy(2), SmartLifecycle.DEFAULT_PHASE);
    }

    /**
     * The supervised loop that claims due payments: whenever one becomes due here (a commit wakes it), when a failed
     * call's backoff ends, and every {@code worker-interval} besides, for payments whose lease ran out or that another
     * instance left.
     */
    public Worker loop() {
        return loop;
    }

    /** A payment has just become due: look now rather than at the next poll. */
    void wakeUp() {
        loop.wakeUp();
    }

    /** Claims the payments that are due and makes their calls, concurrently; returns how many it claimed. */
    public int runOnce() {
        UUID lease = UUID.randomUUID();
        Instant now = clock.instant();
        List<Traced<Payment>> claimed = transactions.execute(status ->
                duePayments.claimDue(now, policy.workerBatch(), now.plus(policy.workerLease()), lease));
        List<Future<?>> running = new ArrayList<>(claimed.size());
        for (Traced<Payment> due : claimed) {
            Payment payment = due.value();
            // Each call is a span of its order's trace, a child of the change that made it due.
            running.add(attemptThreads.submit(() -> traces.resume(due.trace(),
                    "processor " + payment.operationDue().map(Enum::name).orElse("call").toLowerCase(java.util.Locale.ROOT),
                    () -> attempt(payment, lease))));
        }
        for (Future<?> attempt : running) {
            try {
                attempt.get();
            } catch (ExecutionException e) {
                // The lease runs out and the payment is claimed again; the call itself is idempotent.
                log.warn("Could not record a processor attempt; it will be made again when its lease runs out", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return claimed.size();
    }

    private Void attempt(Payment payment, UUID lease) {
        Optional<ProcessorOperation> due = payment.operationDue();
        if (due.isEmpty()) {
            // A schedule is only ever written with the status that needs it; a row that breaks this is left alone.
            log.warn("Payment {} is {} yet was due for a processor call; released", payment.id(), payment.status());
            transactions.executeWithoutResult(status -> payments.releaseLease(payment.id(), lease));
            return null;
        }
        ProcessorOperation operation = due.get();
        String key = payment.id().toString();
        Attempt attempt;
        if (operation == ProcessorOperation.CHARGE) {
            Optional<CardNumber> card;
            try {
                card = decrypt(payment);
            } catch (IllegalStateException e) {
                // The card's key could not be unwrapped: its key-encryption key is not held here, or a rotation
                // re-wrapped the key since this payment was claimed. A failed attempt, tried again after the backoff
                // (which heals the second case) and shown in last_error; not a decline, since the card may be fine.
                record(payment, lease, operation, Attempt.failed(Attempt.Failure.ERROR, e.getMessage(), false));
                return null;
            }
            attempt = card.isEmpty()
                    ? Attempt.answer(CardProcessor.Authorization.decline(UNREADABLE_CARD))
                    : guard.charge(() -> processor.charge(key, card.get(), payment.amount()));
        } else if (operation == ProcessorOperation.VOID) {
            attempt = guard.settle(() -> processor.voidCharge(key, payment.amount()));
        } else {
            attempt = guard.settle(() -> processor.refund(key, payment.amount()));
        }
        record(payment, lease, operation, attempt);
        return null;
    }

    /** Records what the processor did, unless the payment has moved on or another worker took it over. */
    private void record(Payment claimed, UUID lease, ProcessorOperation operation, Attempt attempt) {
        transactions.executeWithoutResult(status -> {
            Optional<Payment> held = payments.lockLeased(claimed.id(), lease);
            if (held.isEmpty()) {
                log.warn("Lease on payment {} ran out during its {}; the worker holding it now records the outcome",
                        claimed.id(), operation);
                return;
            }
            Payment payment = held.get();
            if (payment.operationDue().orElse(null) != operation) {
                // Cancelled during a charge: the void that follows settles whatever this charge did.
                payments.releaseLease(payment.id(), lease);
                log.info("Payment {} is {} now; the outcome of its {} is left to what follows", payment.id(),
                        payment.status(), operation);
                return;
            }
            if (!attempt.answered()) {
                payment.attemptFailed(attempt.failure(), attempt.processorMayHaveActed(), clock.instant(), policy.backoff());
                payments.updateAndRelease(payment, lease);
                if (payment.attempts().nextAt() != null) {
                    loop.wakeUpBy(payment.attempts().nextAt());
                }
                traces.tag(Traces.OUTCOME_TAG, "failed");
                metrics.processorFailed(operation, attempt.kind());
                log.warn("{} of payment {} (order {}) failed, attempt {}: {}; next at {}", operation, payment.id(),
                        payment.orderId(), payment.attempts().made(), attempt.failure(), payment.attempts().nextAt());
                return;
            }
            Optional<PaymentEvent> event = apply(payment, operation, attempt);
            payments.updateAndRelease(payment, lease);
            event.ifPresent(this::publish);
            event.ifPresent(metrics::recorded);
        });
    }

    private Optional<PaymentEvent> apply(Payment payment, ProcessorOperation operation, Attempt attempt) {
        if (operation == ProcessorOperation.CHARGE && attempt.authorization().approved()) {
            traces.tag(Traces.OUTCOME_TAG, "captured");
            log.info("Captured payment {} of order {}", payment.id(), payment.orderId());
            return Optional.of(payment.capture());
        }
        if (operation == ProcessorOperation.CHARGE) {
            traces.tag(Traces.OUTCOME_TAG, "declined");
            log.info("Payment {} of order {} declined: {}", payment.id(), payment.orderId(),
                    attempt.authorization().declineReason());
            return Optional.of(payment.decline(attempt.authorization().declineReason()));
        }
        if (operation == ProcessorOperation.VOID) {
            payment.voided();
            traces.tag(Traces.OUTCOME_TAG, "voided");
            log.info("Voided payment {} of order {} at the processor", payment.id(), payment.orderId());
            // No money stayed with us: there is nothing to announce.
            return Optional.empty();
        }
        traces.tag(Traces.OUTCOME_TAG, "refunded");
        log.info("Refunded payment {} of order {}", payment.id(), payment.orderId());
        return Optional.of(payment.refunded());
    }

    /**
     * The card is decrypted here, in memory, and goes no further than the processor; a card that
     * cannot be decrypted is declined, so that the saga moves on.
     */
    private Optional<CardNumber> decrypt(Payment payment) {
        EncryptedCard encrypted = payment.cardToCharge();
        try {
            return Optional.of(CardNumber.of(keys.decrypt(encrypted.keyId(), encrypted.ciphertext(), encrypted.key())));
        } catch (IllegalArgumentException e) {
            // The messages of CardNumber and UnreadableCard never contain the card or the ciphertext.
            log.warn("Card of payment {} is unreadable: {}", payment.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private void publish(PaymentEvent event) {
        outbox.append(event.orderId().toString(), PublishedLanguage.payload(event));
    }

    /** Frees the attempt threads once the loop has stopped (the loop stops first, as a lifecycle bean). */
    @Override
    public void destroy() {
        attemptThreads.shutdownNow();
    }
}
