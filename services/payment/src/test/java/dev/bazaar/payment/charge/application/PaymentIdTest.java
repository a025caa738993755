package dev.bazaar.payment.charge.application;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentIdTest {

    private static final UUID ORDER = UUID.fromString("019ae8a1-7c00-7abc-9def-0123456789ab");
    private static final UUID LATER_ORDER = UUID.fromString("019ae8a1-7c01-7abc-9def-0123456789ab");

    @Test
    void theSameOrderAlwaysHasTheSamePaymentSoARetriedCallIsRecognised() {
        assertThat(PaymentProcessing.paymentIdFor(ORDER)).isEqualTo(PaymentProcessing.paymentIdFor(UUID.fromString(ORDER.toString())));
    }

    @Test
    void isAVersion8UuidStartingWithTheTimeTheOrderWasPlaced() {
        UUID payment = PaymentProcessing.paymentIdFor(ORDER);

        assertThat(payment.version()).isEqualTo(8);
        assertThat(payment.variant()).isEqualTo(2);
        assertThat(payment.getMostSignificantBits() >>> 16).isEqualTo(ORDER.getMostSignificantBits() >>> 16);
    }

    @Test
    void paymentsOfLaterOrdersSortAfterThoseOfEarlierOnes() {
        assertThat(PaymentProcessing.paymentIdFor(ORDER)).isLessThan(PaymentProcessing.paymentIdFor(LATER_ORDER));
    }

    @Test
    void ordersOfTheSameMillisecondHaveDifferentPayments() {
        UUID sameMillisecond = UUID.fromString("019ae8a1-7c00-7abc-9def-0123456789ac");

        assertThat(PaymentProcessing.paymentIdFor(ORDER)).isNotEqualTo(PaymentProcessing.paymentIdFor(sameMillisecond));
    }
}
