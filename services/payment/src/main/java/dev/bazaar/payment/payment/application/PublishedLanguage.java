package dev.bazaar.payment.payment.application;

import java.math.BigDecimal;

import dev.bazaar.payment.payment.Money;
import dev.bazaar.payment.payment.PaymentEvent;

/**
 * The payment events as they appear on {@code payment.events}, described by the schemas in
 * {@code contracts/payment/}. Only the card's last four digits ever appear in them.
 */
final class PublishedLanguage {

    record Amount(BigDecimal amount, String currency) {
        static Amount of(Money money) {
            return new Amount(money.amount(), money.currency());
        }
    }

    record PaymentCaptured(String orderId, String paymentId, Amount amount, String cardLast4) {
    }

    record PaymentDeclined(String orderId, String paymentId, String reason, String cardLast4) {
    }

    record PaymentRefunded(String orderId, String paymentId, Amount amount, String reason) {
    }

    // Java 17: no pattern matching for switch yet, so the sealed hierarchy is walked with instanceof.
    static String type(PaymentEvent event) {
        if (event instanceof PaymentEvent.Captured) {
            return "PaymentCaptured";
        }
        return event instanceof PaymentEvent.Declined ? "PaymentDeclined" : "PaymentRefunded";
    }

    static Object payload(PaymentEvent event) {
        if (event instanceof PaymentEvent.Captured e) {
            return new PaymentCaptured(e.orderId().toString(), e.paymentId().toString(), Amount.of(e.amount()), e.cardLast4());
        }
        if (event instanceof PaymentEvent.Declined e) {
            return new PaymentDeclined(e.orderId().toString(), e.paymentId().toString(), e.reason(), e.cardLast4());
        }
        PaymentEvent.Refunded e = (PaymentEvent.Refunded) event;
        return new PaymentRefunded(e.orderId().toString(), e.paymentId().toString(), Amount.of(e.amount()), e.reason());
    }

    private PublishedLanguage() {
    }
}
