package dev.bazaar.ordering.adapter.kafka;

import java.math.BigDecimal;

import dev.bazaar.ordering.order.CardEncryptionKey;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.application.OrderSaga;
import dev.bazaar.ordering.replica.application.Replicas;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/**
 * Payment's outcome for an order, and the key that card numbers are encrypted with for payment. Refunds
 * and anything else change nothing in an order.
 */
@Component
class PaymentEvents extends Subscription {

    PaymentEvents(OrderSaga saga, Replicas replicas) {
        super("payment.events");
        on("CardEncryptionKeyIssued", CardEncryptionKeyIssuedView.class,
                (view, event) -> new Replicas.CardEncryptionKeyIssued(view.toKey(), event.time()), replicas::on);
        on("PaymentCaptured", PaymentCapturedView.class, PaymentCapturedView::toCommand, saga::on);
        on("PaymentDeclined", PaymentDeclinedView.class, PaymentDeclinedView::toCommand, saga::on);
    }

    record PaymentCapturedView(String orderId, AmountView amount) {
        OrderSaga.PaymentCaptured toCommand() {
            return new OrderSaga.PaymentCaptured(new OrderId(uuid(orderId, "orderId")), required(amount, "amount").toMoney());
        }
    }

    record AmountView(BigDecimal amount, String currency) {
        Money toMoney() {
            return new Money(amount, currency);
        }
    }

    record PaymentDeclinedView(String orderId, String reason) {
        OrderSaga.PaymentDeclined toCommand() {
            return new OrderSaga.PaymentDeclined(new OrderId(uuid(orderId, "orderId")));
        }
    }

    record CardEncryptionKeyIssuedView(String keyId, String algorithm, String publicKey) {
        CardEncryptionKey toKey() {
            if (!CardEncryptionKey.ALGORITHM.equals(algorithm)) {
                throw new IllegalArgumentException("the key is for " + algorithm + "; ordering encrypts cards with "
                        + CardEncryptionKey.ALGORITHM + " only");
            }
            return CardEncryptionKey.of(keyId, publicKey);
        }
    }
}
