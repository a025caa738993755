package dev.bazaar.ordering.adapter.kafka;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.bazaar.ordering.order.CardEncryptionKey;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.application.OrderSaga;
import dev.bazaar.ordering.replica.application.Replicas;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/**
 * Payment's outcome for an order, and the one-time keys that card numbers are encrypted for. Refunds
 * and anything else change nothing in an order.
 */
@Component
class PaymentEvents extends Subscription {

    private static final String PAYMENT = "/bazaar/payment";

    PaymentEvents(OrderSaga saga, Replicas replicas) {
        super("payment.events");
        // Only payment may write payment.events (Kafka's ACLs); the source is checked besides, so that keys from anywhere
        // else are refused even on a broker without them.
        on("CardKeysOffered", CardKeysOfferedView.class, (view, event) -> {
            if (!PAYMENT.equals(event.source())) {
                throw new IllegalArgumentException("card keys must come from " + PAYMENT + ", not " + event.source());
            }
            return new Replicas.CardKeysOffered(view.toKeys(), event.time());
        }, replicas::on);
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

    /** A JWK Set of one-time public keys. */
    record CardKeysOfferedView(List<Map<String, Object>> keys) {
        List<CardEncryptionKey> toKeys() {
            return required(keys, "keys").stream().map(CardEncryptionKey::of).toList();
        }
    }
}
