package dev.bazaar.payment.charge;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final UUID paymentId = UUID.randomUUID();
    private final UUID orderId = UUID.randomUUID();
    private final UUID customerId = UUID.randomUUID();
    private final Money total = Money.of("79.80", "EUR");
    private final EncryptedCard card = new EncryptedCard("k-1", "c2VjcmV0", null);

    private Payment pending() {
        return Payment.open(paymentId, orderId, customerId, total, "4242", card);
    }

    private Payment readyToCharge() {
        Payment payment = pending();
        payment.stockReserved(NOW);
        return payment;
    }

    private Payment captured() {
        Payment payment = readyToCharge();
        payment.capture();
        return payment;
    }

    @Test
    void aPlacedOrderOpensAPendingPaymentThatIsNotYetChargeable() {
        Payment payment = pending();

        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.readyToCharge()).isFalse();
        assertThat(payment.operationDue()).isEmpty();
        assertThat(payment.attempts()).isEqualTo(Attempts.NONE);
        assertThat(payment.card()).isEqualTo(card);
        assertThat(payment.customerId()).as("whose payment it is to see").isEqualTo(customerId);
    }

    @Test
    void aNewPaymentNeedsTheCustomerWhoPlacedTheOrderButOneStoredBeforeCustomersWereKeptHasNone() {
        assertThatThrownBy(() -> Payment.open(paymentId, orderId, null, total, "4242", card)).hasMessageContaining("customerId");

        Payment stored = Payment.restore(paymentId, orderId, null, total, "4242", null, true, PaymentStatus.CAPTURED, null,
                Attempts.NONE);

        assertThat(stored.customerId()).isNull();
    }

    @Test
    void isNotChargedBeforeItsStockIsReserved() {
        Payment payment = pending();

        assertThatThrownBy(payment::capture).isInstanceOf(IllegalStateException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> payment.decline("card declined")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(payment::cardToCharge).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payment.attemptFailed("timeout", true, NOW, BACKOFF)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void isDueForItsChargeAtOnceWhenItsStockIsReserved() {
        Payment payment = pending();

        payment.stockReserved(NOW);

        assertThat(payment.readyToCharge()).isTrue();
        assertThat(payment.operationDue()).contains(ProcessorOperation.CHARGE);
        assertThat(payment.attempts().isDue(NOW)).isTrue();
        assertThat(payment.cardToCharge()).isEqualTo(card);
    }

    @Test
    void aFailedChargeStaysPendingAndIsDueAgainAfterAGrowingDelay() {
        Payment payment = readyToCharge();

        payment.attemptFailed("connection refused", false, NOW, BACKOFF);
        payment.attemptFailed("connection refused", false, NOW.plusSeconds(1), BACKOFF);
        payment.attemptFailed("connection refused", false, NOW.plusSeconds(3), BACKOFF);

        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.card()).as("still needed for the next attempt").isEqualTo(card);
        assertThat(payment.attempts()).isEqualTo(new Attempts(3, NOW.plusSeconds(7), "connection refused", false));
        assertThat(payment.attempts().isDue(NOW.plusSeconds(6))).isFalse();
        assertThat(payment.operationDue()).contains(ProcessorOperation.CHARGE);
    }

    @Test
    void aChargeWhoseAnswerWasLostStaysInDoubtUntilTheProcessorAnswers() {
        Payment payment = readyToCharge();

        payment.attemptFailed("no answer within 2000 ms", true, NOW, BACKOFF);
        payment.attemptFailed("connection refused", false, NOW.plusSeconds(1), BACKOFF);

        assertThat(payment.attempts().chargeInDoubt()).as("a refused retry proves nothing about the lost answer").isTrue();
        payment.capture();
        assertThat(payment.attempts()).isEqualTo(new Attempts(3, null, null, false));
    }

    @Test
    void capturingAnnouncesTheAmountAndOnlyTheLastFourDigitsAndDropsTheCiphertext() {
        Payment payment = readyToCharge();

        PaymentEvent.Captured captured = payment.capture();

        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(captured).isEqualTo(new PaymentEvent.Captured(orderId, paymentId, total, "4242"));
        assertThat(payment.card()).isNull();
        assertThat(payment.readyToCharge()).isFalse();
        assertThat(payment.operationDue()).isEmpty();
        assertThat(payment.attempts().made()).isEqualTo(1);
        assertThat(payment.attempts().nextAt()).isNull();
    }

    @Test
    void decliningKeepsTheReasonAndDropsTheCiphertext() {
        Payment payment = readyToCharge();

        PaymentEvent.Declined declined = payment.decline("card declined");

        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(declined).isEqualTo(new PaymentEvent.Declined(orderId, paymentId, "card declined", "4242"));
        assertThat(payment.card()).isNull();
        assertThat(payment.operationDue()).isEmpty();
    }

    @Test
    void aVoidedPaymentIsNeverCharged() {
        Payment payment = pending();

        payment.voidBecause("stock rejected");

        assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(payment.reason()).isEqualTo("stock rejected");
        assertThat(payment.card()).isNull();
        assertThatThrownBy(() -> payment.stockReserved(NOW)).isInstanceOf(IllegalStateException.class).hasMessageContaining("VOIDED");
        assertThatThrownBy(payment::capture).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCancelledOrderWhoseChargeNeverReachedTheProcessorIsVoidedAtOnce() {
        Payment payment = readyToCharge();
        payment.attemptFailed("connection refused", false, NOW, BACKOFF);

        payment.cancel("order cancelled: deadline passed", false, NOW.plusSeconds(5));

        assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(payment.reason()).isEqualTo("order cancelled: deadline passed");
        assertThat(payment.operationDue()).isEmpty();
        assertThat(payment.attempts().nextAt()).isNull();
        assertThat(payment.card()).isNull();
    }

    @Test
    void aCancelledOrderWhoseChargeMayHaveGoneThroughIsVoidedAtTheProcessor() {
        Payment inDoubt = readyToCharge();
        inDoubt.attemptFailed("no answer within 2000 ms", true, NOW, BACKOFF);
        Payment inFlight = readyToCharge();

        inDoubt.cancel("order cancelled: fraud", false, NOW.plusSeconds(5));
        inFlight.cancel("order cancelled: fraud", true, NOW.plusSeconds(5));

        for (Payment payment : new Payment[] {inDoubt, inFlight}) {
            assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDING);
            assertThat(payment.operationDue()).contains(ProcessorOperation.VOID);
            assertThat(payment.attempts()).isEqualTo(new Attempts(0, NOW.plusSeconds(5), null, false));
            assertThat(payment.card()).as("it will not be charged any more").isNull();
            assertThatThrownBy(payment::capture).isInstanceOf(IllegalStateException.class);
        }
        inDoubt.voided();
        assertThat(inDoubt.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(inDoubt.operationDue()).isEmpty();
    }

    @Test
    void aPaymentWhoseChargeMayHaveGoneThroughIsNotSimplyVoided() {
        Payment payment = readyToCharge();
        payment.attemptFailed("no answer within 2000 ms", true, NOW, BACKOFF);

        assertThatThrownBy(() -> payment.voidBecause("stock rejected")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("voided at the processor");
    }

    @Test
    void aCancelledOrderWhosePaymentWasCapturedIsRefundedThroughTheProcessor() {
        Payment payment = captured();

        payment.cancel("order cancelled: shipment failed", false, NOW);

        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDING);
        assertThat(payment.operationDue()).contains(ProcessorOperation.REFUND);
        assertThat(payment.attempts().isDue(NOW)).isTrue();
        payment.attemptFailed("connection refused", false, NOW, BACKOFF);
        assertThat(payment.attempts().nextAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(payment.attempts().chargeInDoubt()).as("only a charge is ever in doubt").isFalse();

        PaymentEvent.Refunded refunded = payment.refunded();

        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded).isEqualTo(new PaymentEvent.Refunded(orderId, paymentId, total, "order cancelled: shipment failed"));
        assertThat(payment.operationDue()).isEmpty();
        assertThat(payment.attempts().nextAt()).isNull();
    }

    @Test
    void onlyAPaymentBeingRefundedIsRefunded() {
        assertThatThrownBy(() -> pending().refunded()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> captured().refunded()).isInstanceOf(IllegalStateException.class).hasMessageContaining("CAPTURED");
        assertThatThrownBy(() -> readyToCharge().voided()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSettledPaymentCannotBeCancelledAgain() {
        Payment declined = readyToCharge();
        declined.decline("card declined");
        Payment refunding = captured();
        refunding.cancel("order cancelled", false, NOW);

        assertThatThrownBy(() -> declined.cancel("order cancelled", false, NOW)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DECLINED");
        assertThatThrownBy(() -> refunding.cancel("order cancelled", false, NOW)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REFUNDING");
    }

    @Test
    void aDecidedPaymentCannotBeDecidedAgain() {
        Payment payment = captured();

        assertThatThrownBy(payment::capture).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payment.decline("late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payment.voidBecause("late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payment.attemptFailed("late", false, NOW, BACKOFF)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("owes the processor nothing");
    }

    @Test
    void theReservedStockIsNotedOnce() {
        Payment payment = readyToCharge();

        assertThatThrownBy(() -> payment.stockReserved(NOW)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
    }

    @Test
    void aPaymentKeepsExactlyTheLastFourDigitsAndAPendingOneItsCard() {
        assertThatThrownBy(() -> Payment.open(paymentId, orderId, customerId, total, "424242", card)).hasMessageContaining("last four");
        assertThatThrownBy(() -> Payment.open(paymentId, orderId, customerId, total, "42a2", card)).hasMessageContaining("last four");
        assertThatThrownBy(() -> Payment.restore(paymentId, orderId, customerId, total, "4242", null, false, PaymentStatus.PENDING, null,
                Attempts.NONE)).hasMessageContaining("card");
    }

    @Test
    void aDeclineVoidCancellationOrFailureNeedsAReason() {
        assertThatThrownBy(() -> readyToCharge().decline(" ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> pending().voidBecause(null)).hasMessageContaining("reason");
        assertThatThrownBy(() -> captured().cancel("", false, NOW)).hasMessageContaining("reason");
        assertThatThrownBy(() -> readyToCharge().attemptFailed(null, false, NOW, BACKOFF)).hasMessageContaining("reason");
    }

    @Test
    void aStoredPaymentComesBackAsItWas() {
        Attempts attempts = new Attempts(4, NOW, "no answer within 2000 ms", true);

        Payment payment = Payment.restore(paymentId, orderId, customerId, total, "4242", card, true, PaymentStatus.PENDING, null, attempts);

        assertThat(payment.attempts()).isEqualTo(attempts);
        assertThat(payment.customerId()).isEqualTo(customerId);
        assertThat(payment.operationDue()).isEqualTo(Optional.of(ProcessorOperation.CHARGE));
    }

    @Test
    void anAmountIsPositiveWithAtMostTwoDecimals() {
        assertThatThrownBy(() -> Money.of("0", "EUR")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Money.of("1.005", "EUR")).hasMessageContaining("two decimals");
        assertThatThrownBy(() -> Money.of("1", "euro")).hasMessageContaining("ISO 4217");
        assertThat(Money.of("79.8", "EUR").amount()).hasToString("79.80");
    }
}
