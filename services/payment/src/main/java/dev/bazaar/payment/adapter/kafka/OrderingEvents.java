package dev.bazaar.payment.adapter.kafka;

import java.math.BigDecimal;

import dev.bazaar.payment.charge.Money;
import dev.bazaar.payment.charge.application.PaymentProcessing;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/**
 * What payment reads from ordering: placed orders to charge, cancelled ones to void or refund. Other order
 * facts do not concern payment.
 */
@Component
class OrderingEvents extends Subscription {

    OrderingEvents(PaymentProcessing processing) {
        super("ordering.events");
        on("OrderPlaced", OrderPlacedView.class, OrderPlacedView::toCommand, processing::on);
        on("OrderCancelled", OrderCancelledView.class, OrderCancelledView::toCommand, processing::on);
    }

    /**
     * Payment's reading of OrderPlaced: the customer (whose payment it is to see), the total and the encrypted card;
     * the lines are ordering's business.
     */
    record OrderPlacedView(String orderId, String customerId, MoneyView total, PaymentView payment) {
        PaymentProcessing.OrderPlaced toCommand() {
            return new PaymentProcessing.OrderPlaced(uuid(orderId, "orderId"), uuid(customerId, "customerId"),
                    required(total, "total").toMoney(),
                    required(payment, "payment").cardLast4(), required(payment.keyId(), "payment.keyId"),
                    required(payment.encryptedCard(), "payment.encryptedCard"));
        }
    }

    record MoneyView(BigDecimal amount, String currency) {
        Money toMoney() {
            return new Money(amount, currency);
        }
    }

    /** The card's ciphertext is left out of toString, so a logged view never carries it. */
    record PaymentView(String cardLast4, String encryptedCard, String keyId) {
        @Override
        public String toString() {
            return "PaymentView[cardLast4=" + cardLast4 + ", keyId=" + keyId + "]";
        }
    }

    record OrderCancelledView(String orderId, String reason) {
        PaymentProcessing.OrderCancelled toCommand() {
            return new PaymentProcessing.OrderCancelled(uuid(orderId, "orderId"),
                    reason == null || reason.isBlank() ? "unspecified" : reason);
        }
    }
}
