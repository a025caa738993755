package dev.bazaar.payment.charge.application;

import java.util.UUID;

import dev.bazaar.payment.charge.Money;
import dev.bazaar.payment.charge.PaymentEvent;
import dev.bazaar.payment.charge.ProcessorOperation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PaymentMetricsTest {

    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID PAYMENT = UUID.randomUUID();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PaymentMetrics metrics = new PaymentMetrics(registry);

    @AfterEach
    void noTransactionLeftOpen() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void everySeriesExistsAtZeroBeforeTheFirstPayment() {
        assertThat(count("bazaar.payments.captured")).isZero();
        assertThat(registry.get("bazaar.payments.declined").counters()).hasSize(4)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
        assertThat(count("bazaar.refunds")).isZero();
        assertThat(registry.get("bazaar.payments.processor.errors").counters()).hasSize(3 * 4);
    }

    @Test
    void aCaptureCountsOnceWithItsAmountInItsCurrency() {
        metrics.recorded(new PaymentEvent.Captured(ORDER, PAYMENT, Money.of("79.80", "EUR"), "4242"));
        metrics.recorded(new PaymentEvent.Captured(UUID.randomUUID(), UUID.randomUUID(), Money.of("5.00", "USD"), "4242"));

        assertThat(count("bazaar.payments.captured")).isEqualTo(2);
        assertThat(count("bazaar.payments.captured.amount", "currency", "EUR")).isCloseTo(79.80, within(1e-9));
        assertThat(count("bazaar.payments.captured.amount", "currency", "USD")).isCloseTo(5.00, within(1e-9));
    }

    @Test
    void aRefundCountsOnceWithItsAmount() {
        metrics.recorded(new PaymentEvent.Refunded(ORDER, PAYMENT, Money.of("18.40", "EUR"), "order cancelled: shipment failed"));

        assertThat(count("bazaar.refunds")).isEqualTo(1);
        assertThat(count("bazaar.refunds.amount", "currency", "EUR")).isCloseTo(18.40, within(1e-9));
    }

    @Test
    void aDeclineIsCountedUnderOneOfAFewReasonsWhateverTheProcessorsWording() {
        metrics.recorded(new PaymentEvent.Declined(ORDER, PAYMENT, "card declined", "0002"));
        metrics.recorded(new PaymentEvent.Declined(ORDER, PAYMENT, "Invalid card number ", "0002"));
        metrics.recorded(new PaymentEvent.Declined(ORDER, PAYMENT, PaymentWorker.UNREADABLE_CARD, "4242"));
        metrics.recorded(new PaymentEvent.Declined(ORDER, PAYMENT, "do not honour (code 05)", "4242"));

        assertThat(count("bazaar.payments.declined", "reason", "card_declined")).isEqualTo(1);
        assertThat(count("bazaar.payments.declined", "reason", "invalid_card")).isEqualTo(1);
        assertThat(count("bazaar.payments.declined", "reason", "unreadable_card")).isEqualTo(1);
        assertThat(count("bazaar.payments.declined", "reason", "other")).isEqualTo(1);
        assertThat(registry.get("bazaar.payments.declined").counters()).hasSize(4);
    }

    @Test
    void aFailedCallIsCountedByOperationAndKind() {
        metrics.processorFailed(ProcessorOperation.CHARGE, Attempt.Failure.TIMEOUT);
        metrics.processorFailed(ProcessorOperation.REFUND, Attempt.Failure.CIRCUIT_OPEN);

        assertThat(count("bazaar.payments.processor.errors", "operation", "charge", "kind", "timeout")).isEqualTo(1);
        assertThat(count("bazaar.payments.processor.errors", "operation", "refund", "kind", "circuit_open")).isEqualTo(1);
        assertThat(count("bazaar.payments.processor.errors", "operation", "charge", "kind", "unavailable")).isZero();
    }

    @Test
    void nothingIsCountedBeforeTheOutcomeIsCommittedAndNothingIfItRollsBack() {
        TransactionSynchronizationManager.initSynchronization();
        metrics.recorded(new PaymentEvent.Captured(ORDER, PAYMENT, Money.of("79.80", "EUR"), "4242"));
        assertThat(count("bazaar.payments.captured")).isZero();
        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
        TransactionSynchronizationManager.clearSynchronization();

        TransactionSynchronizationManager.initSynchronization();
        metrics.recorded(new PaymentEvent.Captured(UUID.randomUUID(), UUID.randomUUID(), Money.of("1.00", "EUR"), "4242"));
        metrics.processorFailed(ProcessorOperation.CHARGE, Attempt.Failure.UNAVAILABLE);
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(synchronization -> synchronization.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

        assertThat(count("bazaar.payments.captured")).isEqualTo(1);
        assertThat(count("bazaar.payments.captured.amount", "currency", "EUR")).isCloseTo(79.80, within(1e-9));
        assertThat(count("bazaar.payments.processor.errors", "operation", "charge", "kind", "unavailable")).isZero();
    }
}
