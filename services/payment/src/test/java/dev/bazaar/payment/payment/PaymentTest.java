package dev.bazaar.payment.payment;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentTest {

    private final UUID paymentId = UUID.randomUUID();
    private final UUID orderId = UUID.randomUUID();
    private final Money total = Money.of("79.80", "EUR");
    private final EncryptedCard card = new EncryptedCard("k-1", "c2VjcmV0");

    private Payment pending() {
        return Payment.open(paymentId, orderId, total, "4242", card);
    }

    private Payment readyToCharge() {
        Payment payment = pending();
        payment.stockReserved();
        return payment;
    }

    @Test
    void aPlacedOrderOpensAPendingPaymentThatIsNotYetChargeable() {
        Payment payment = pending();

        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.readyToCharge()).isFalse();
        assertThat(payment.card()).isEqualTo(card);
    }

    @Test
    void isNotChargedBeforeItsStockIsReserved() {
        Payment payment = pending();

        assertThatThrownBy(payment::capture).isInstanceOf(IllegalStateException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> payment.decline("card declined")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(payment::cardToCharge).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void becomesChargeableOnceItsStockIsReserved() {
        Payment payment = pending();

        payment.stockReserved();

        assertThat(payment.readyToCharge()).isTrue();
        assertThat(payment.cardToCharge()).isEqualTo(card);
    }

    @Test
    void capturingAnnouncesTheAmountAndOnlyTheLastFourDigitsAndDropsTheCiphertext() {
        Payment payment = readyToCharge();

        PaymentEvent.Captured captured = payment.capture();

        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(captured).isEqualTo(new PaymentEvent.Captured(orderId, paymentId, total, "4242"));
        assertThat(payment.card()).isNull();
        assertThat(payment.readyToCharge()).isFalse();
    }

    @Test
    void decliningKeepsTheReasonAndDropsTheCiphertext() {
        Payment payment = readyToCharge();

        PaymentEvent.Declined declined = payment.decline("card declined");

        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(declined).isEqualTo(new PaymentEvent.Declined(orderId, paymentId, "card declined", "4242"));
        assertThat(payment.card()).isNull();
    }

    @Test
    void aVoidedPaymentIsNeverCharged() {
        Payment payment = pending();

        payment.voidBecause("stock rejected");

        assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(payment.reason()).isEqualTo("stock rejected");
        assertThat(payment.card()).isNull();
        assertThatThrownBy(payment::stockReserved).isInstanceOf(IllegalStateException.class).hasMessageContaining("VOIDED");
        assertThatThrownBy(payment::capture).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyACapturedPaymentIsRefunded() {
        assertThatThrownBy(() -> pending().refund("order cancelled")).isInstanceOf(IllegalStateException.class);
        Payment declined = readyToCharge();
        declined.decline("card declined");
        assertThatThrownBy(() -> declined.refund("order cancelled")).isInstanceOf(IllegalStateException.class);

        Payment captured = readyToCharge();
        captured.capture();
        PaymentEvent.Refunded refunded = captured.refund("order cancelled");

        assertThat(captured.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded).isEqualTo(new PaymentEvent.Refunded(orderId, paymentId, total, "order cancelled"));
    }

    @Test
    void aPaymentIsRefundedAtMostOnce() {
        Payment payment = readyToCharge();
        payment.capture();
        payment.refund("order cancelled");

        assertThatThrownBy(() -> payment.refund("order cancelled")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REFUNDED");
    }

    @Test
    void aDecidedPaymentCannotBeDecidedAgain() {
        Payment payment = readyToCharge();
        payment.capture();

        assertThatThrownBy(payment::capture).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payment.decline("late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payment.voidBecause("late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theReservedStockIsNotedOnce() {
        Payment payment = readyToCharge();

        assertThatThrownBy(payment::stockReserved).isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
    }

    @Test
    void aPaymentKeepsExactlyTheLastFourDigitsAndAPendingOneItsCard() {
        assertThatThrownBy(() -> Payment.open(paymentId, orderId, total, "424242", card)).hasMessageContaining("last four");
        assertThatThrownBy(() -> Payment.open(paymentId, orderId, total, "42a2", card)).hasMessageContaining("last four");
        assertThatThrownBy(() -> Payment.restore(paymentId, orderId, total, "4242", null, false, PaymentStatus.PENDING, null))
                .hasMessageContaining("card");
    }

    @Test
    void aDeclineOrVoidNeedsAReason() {
        assertThatThrownBy(() -> readyToCharge().decline(" ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> pending().voidBecause(null)).hasMessageContaining("reason");
    }

    @Test
    void anAmountIsPositiveWithAtMostTwoDecimals() {
        assertThatThrownBy(() -> Money.of("0", "EUR")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Money.of("1.005", "EUR")).hasMessageContaining("two decimals");
        assertThatThrownBy(() -> Money.of("1", "euro")).hasMessageContaining("ISO 4217");
        assertThat(Money.of("79.8", "EUR").amount()).hasToString("79.80");
    }
}
