package dev.bazaar.ordering.adapter.kafka;

import dev.bazaar.ordering.order.CardEncryptionKey;
import dev.bazaar.ordering.order.application.OrderSaga;
import dev.bazaar.ordering.replica.application.Replicas;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.InboundEvent;
import dev.bazaar.platform.messaging.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Payment's outcome for an order, and the key that card numbers are encrypted with for payment. */
@Component
class PaymentEvents {

    private final Inbox inbox;
    private final OrderSaga saga;
    private final Replicas replicas;

    PaymentEvents(Inbox inbox, OrderSaga saga, Replicas replicas) {
        this.inbox = inbox;
        this.saga = saga;
        this.replicas = replicas;
    }

    @KafkaListener(topics = "payment.events")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::handle);
    }

    void handle(InboundEvent event) {
        switch (event.type()) {
            case "PaymentCaptured" -> {
                PaymentCaptured captured = event.payload(PaymentCaptured.class);
                saga.onPaymentCaptured(Read.orderId(event, captured.orderId()), Read.money(event, "amount", captured.amount()));
            }
            case "PaymentDeclined" -> {
                PaymentDeclined declined = event.payload(PaymentDeclined.class);
                saga.onPaymentDeclined(Read.orderId(event, declined.orderId()));
            }
            case "CardEncryptionKeyIssued" -> {
                CardEncryptionKeyIssued issued = event.payload(CardEncryptionKeyIssued.class);
                if (!CardEncryptionKey.ALGORITHM.equals(issued.algorithm())) {
                    throw new MalformedEventException("CardEncryptionKeyIssued " + event.id() + " is for " + issued.algorithm()
                            + "; ordering encrypts cards with " + CardEncryptionKey.ALGORITHM + " only");
                }
                replicas.onCardEncryptionKeyIssued(
                        Read.value(event, "publicKey", () -> CardEncryptionKey.of(issued.keyId(), issued.publicKey())), event.time());
            }
            default -> {
                // Tolerant reader: refunds and anything else change nothing in an order.
            }
        }
    }

    record PaymentCaptured(String orderId, Read.Price amount) {
    }

    record PaymentDeclined(String orderId, String reason) {
    }

    record CardEncryptionKeyIssued(String keyId, String algorithm, String publicKey) {
    }
}
