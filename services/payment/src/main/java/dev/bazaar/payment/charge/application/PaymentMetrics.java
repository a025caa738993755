package dev.bazaar.payment.charge.application;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.bazaar.payment.charge.Money;
import dev.bazaar.payment.charge.PaymentEvent;
import dev.bazaar.payment.charge.ProcessorOperation;
import dev.bazaar.platform.work.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Payment's business outcomes, counted for Prometheus (docs/metrics.md): charges captured and their amount, declines by
 * reason, refunds and their amount, and failed calls to the card processor.
 *
 * <p>The worker reports an outcome when it records it on the payment, and it is counted once that transaction has
 * committed. An outcome that is not recorded (the worker's lease ran out, the payment moved on meanwhile) or rolls back
 * counts nothing; the call retried with the same idempotency key is counted when its outcome is recorded. A payment is
 * captured, declined or refunded once, so each counts once.
 */
@Component
public class PaymentMetrics {

    /** The decline reasons worth telling apart; any other the processor gives counts as {@code other}. */
    private static final Map<String, String> DECLINE_REASONS = Map.of(
            "card declined", "card_declined",
            "invalid card number", "invalid_card",
            PaymentWorker.UNREADABLE_CARD, "unreadable_card");
    private static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Counter captured;
    private final Map<String, Counter> declined = new HashMap<>();
    private final Counter refunded;
    private final Map<ProcessorOperation, Map<Attempt.Failure, Counter>> processorErrors = new EnumMap<>(ProcessorOperation.class);

    public PaymentMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every series exists from the start (at 0), so that increase() sees the first count.
        this.captured = Counter.builder("bazaar.payments.captured").description("Charges captured").register(registry);
        for (String reason : DECLINE_REASONS.values()) {
            declined.put(reason, declinedCounter(reason));
        }
        declined.put(OTHER, declinedCounter(OTHER));
        this.refunded = Counter.builder("bazaar.refunds").description("Captured payments refunded (their orders were cancelled)")
                .register(registry);
        for (ProcessorOperation operation : ProcessorOperation.values()) {
            Map<Attempt.Failure, Counter> byKind = new EnumMap<>(Attempt.Failure.class);
            for (Attempt.Failure kind : Attempt.Failure.values()) {
                byKind.put(kind, Counter.builder("bazaar.payments.processor.errors")
                        .description("Calls to the card processor that failed (the call is retried after a backoff)")
                        .tag("operation", operation.name().toLowerCase(Locale.ROOT)).tag("kind", kind.tag())
                        .register(registry));
            }
            processorErrors.put(operation, byKind);
        }
    }

    /** The worker recorded what the processor answered, and the event it publishes for it. */
    void recorded(PaymentEvent event) {
        event.match(new PaymentEvent.Cases<Void>() {
            @Override
            public Void captured(PaymentEvent.Captured event) {
                Counter amount = amount("bazaar.payments.captured.amount", "Amount captured, in the currency's units", event.amount());
                AfterCommit.run(() -> {
                    captured.increment();
                    amount.increment(event.amount().amount().doubleValue());
                });
                return null;
            }

            @Override
            public Void declined(PaymentEvent.Declined event) {
                Counter counter = declined.get(declineReason(event.reason()));
                AfterCommit.run(counter::increment);
                return null;
            }

            @Override
            public Void refunded(PaymentEvent.Refunded event) {
                Counter amount = amount("bazaar.refunds.amount", "Amount refunded, in the currency's units", event.amount());
                AfterCommit.run(() -> {
                    refunded.increment();
                    amount.increment(event.amount().amount().doubleValue());
                });
                return null;
            }
        });
    }

    /** The worker recorded a failed call; the payment is due again after its backoff. */
    void processorFailed(ProcessorOperation operation, Attempt.Failure kind) {
        Counter counter = processorErrors.get(operation).get(kind);
        AfterCommit.run(counter::increment);
    }

    /** The processor's decline reason as one of a few tag values: its free text would make a series per wording. */
    static String declineReason(String reason) {
        return reason == null ? OTHER : DECLINE_REASONS.getOrDefault(reason.strip().toLowerCase(Locale.ROOT), OTHER);
    }

    private Counter declinedCounter(String reason) {
        return Counter.builder("bazaar.payments.declined").description("Charges the processor declined (or could not be made: the card was unreadable)")
                .tag("reason", reason).register(registry);
    }

    private Counter amount(String name, String description, Money money) {
        return Counter.builder(name).description(description).tag("currency", money.currency()).register(registry);
    }

}
