package dev.bazaar.payment.adapter.kafka;

import java.math.BigDecimal;

import dev.bazaar.payment.payment.EncryptedCard;
import dev.bazaar.payment.payment.Money;
import dev.bazaar.payment.payment.application.PaymentProcessing;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** What payment reads from ordering: placed orders to charge, cancelled ones to void or refund. */
@Component
class OrderingEvents {

    private final Inbox inbox;
    private final PaymentProcessing processing;

    OrderingEvents(Inbox inbox, PaymentProcessing processing) {
        this.inbox = inbox;
        this.processing = processing;
    }

    @KafkaListener(topics = "ordering.events")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::handle);
    }

    private void handle(InboundEvent event) {
        switch (event.type()) {
            case "OrderPlaced" -> processing.on(event.payload(OrderPlacedView.class).toCommand());
            case "OrderCancelled" -> processing.on(event.payload(OrderCancelledView.class).toCommand());
            default -> {
                // Other order facts do not concern payment (tolerant reader).
            }
        }
    }

    /** Payment's reading of OrderPlaced: the total and the encrypted card; lines and customer are ordering's business. */
    record OrderPlacedView(String orderId, MoneyView total, PaymentView payment) {
        PaymentProcessing.OrderPlaced toCommand() {
            return Views.read("OrderPlaced", () -> new PaymentProcessing.OrderPlaced(Views.uuid(orderId),
                    Views.require(total, "total").toMoney(), Views.require(payment, "payment").cardLast4(),
                    new EncryptedCard(payment.keyId(), payment.encryptedCard())));
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
            return Views.read("OrderCancelled", () -> new PaymentProcessing.OrderCancelled(Views.uuid(orderId),
                    reason == null || reason.isBlank() ? "unspecified" : reason));
        }
    }
}
