package dev.bazaar.ordering.order.application;

import java.math.BigDecimal;
import java.util.List;

import dev.bazaar.ordering.order.EncryptedCard;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderLine;
import dev.bazaar.platform.messaging.EventType;

/**
 * The events as they appear on {@code ordering.events}, described by the schemas in
 * {@code contracts/ordering/}. Kept apart from the domain so the domain can change without
 * breaking a consumer.
 */
final class PublishedLanguage {

    record Price(BigDecimal amount, String currency) {
        static Price of(Money money) {
            return new Price(money.amount(), money.currency());
        }
    }

    record Line(String sku, int quantity, Price unitPrice) {
        static List<Line> of(List<OrderLine> lines) {
            return lines.stream().map(l -> new Line(l.sku().value(), l.quantity(), Price.of(l.unitPrice()))).toList();
        }
    }

    record Payment(String cardLast4, String encryptedCard, String keyId) {
    }

    @EventType("OrderPlaced")
    record OrderPlaced(String orderId, String customerId, List<Line> lines, Price total, Payment payment, String placedAt) {
    }

    @EventType("OrderConfirmed")
    record OrderConfirmed(String orderId, String customerId, List<Line> lines, Price total) {
    }

    @EventType("OrderRejected")
    record OrderRejected(String orderId, String reason) {
    }

    @EventType("OrderCancellationRequested")
    record OrderCancellationRequested(String orderId, String reason) {
    }

    @EventType("OrderCancelled")
    record OrderCancelled(String orderId, String reason) {
    }

    @EventType("OrderShipped")
    record OrderShipped(String orderId) {
    }

    @EventType("OrderDelivered")
    record OrderDelivered(String orderId) {
    }

    /** The card travels here and nowhere else: encrypted for payment, next to its last four digits. */
    static OrderPlaced placed(OrderEvent.Placed e, EncryptedCard card) {
        return new OrderPlaced(e.orderId().toString(), e.customerId().toString(), Line.of(e.lines()), Price.of(e.total()),
                new Payment(card.last4(), card.ciphertext(), card.keyId()), e.at().toString());
    }


    /**
     * The payload of any event but OrderPlaced, which needs the encrypted card (see {@link #placed}).
     *
     * @param order the order once the event is applied: OrderConfirmed repeats its lines and total
     */
    static Object payload(OrderEvent event, Order order) {
        String id = event.orderId().toString();
        return event.match(new OrderEvent.Cases<>() {
            @Override
            public Object placed(OrderEvent.Placed e) {
                throw new IllegalArgumentException("OrderPlaced is published with its encrypted card, through placed(...)");
            }

            @Override
            public Object confirmed(OrderEvent.Confirmed e) {
                return new OrderConfirmed(id, order.customerId().toString(), Line.of(order.lines()),
                        Price.of(order.total()));
            }

            @Override
            public Object rejected(OrderEvent.Rejected e) {
                return new OrderRejected(id, e.reason());
            }

            @Override
            public Object cancellationRequested(OrderEvent.CancellationRequested e) {
                return new OrderCancellationRequested(id, e.reason());
            }

            @Override
            public Object cancelled(OrderEvent.Cancelled e) {
                return new OrderCancelled(id, e.reason());
            }

            @Override
            public Object shipped(OrderEvent.Shipped e) {
                return new OrderShipped(id);
            }

            @Override
            public Object delivered(OrderEvent.Delivered e) {
                return new OrderDelivered(id);
            }
        });
    }

    private PublishedLanguage() {
    }
}
