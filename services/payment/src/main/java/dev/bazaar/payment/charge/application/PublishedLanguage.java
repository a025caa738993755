package dev.bazaar.payment.charge.application;

import java.math.BigDecimal;

import dev.bazaar.payment.charge.Money;
import dev.bazaar.payment.charge.PaymentEvent;
import dev.bazaar.platform.messaging.EventType;

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

    @EventType("PaymentCaptured")
    record PaymentCaptured(String orderId, String paymentId, Amount amount, String cardLast4) {
    }

    @EventType("PaymentDeclined")
    record PaymentDeclined(String orderId, String paymentId, String reason, String cardLast4) {
    }

    @EventType("PaymentRefunded")
    record PaymentRefunded(String orderId, String paymentId, Amount amount, String reason) {
    }

    static Object payload(PaymentEvent event) {
        return event.match(new PaymentEvent.Cases<>() {
            @Override
            public Object captured(PaymentEvent.Captured e) {
                return new PaymentCaptured(e.orderId().toString(), e.paymentId().toString(), Amount.of(e.amount()),
                        e.cardLast4());
            }

            @Override
            public Object declined(PaymentEvent.Declined e) {
                return new PaymentDeclined(e.orderId().toString(), e.paymentId().toString(), e.reason(), e.cardLast4());
            }

            @Override
            public Object refunded(PaymentEvent.Refunded e) {
                return new PaymentRefunded(e.orderId().toString(), e.paymentId().toString(), Amount.of(e.amount()),
                        e.reason());
            }
        });
    }

    private PublishedLanguage() {
    }
}
