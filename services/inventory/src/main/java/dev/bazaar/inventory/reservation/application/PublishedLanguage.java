package dev.bazaar.inventory.reservation.application;

import java.util.List;

import dev.bazaar.inventory.reservation.ReservationEvent;
import dev.bazaar.inventory.reservation.ReservationLine;
import dev.bazaar.inventory.reservation.Shortage;
import dev.bazaar.platform.messaging.EventType;

/**
 * The events as they appear on {@code inventory.events}, described by the schemas in
 * {@code contracts/inventory/}. Kept apart from the domain so the domain can change without
 * breaking a consumer.
 */
final class PublishedLanguage {

    record Line(String sku, int quantity) {
        static List<Line> of(List<ReservationLine> lines) {
            return lines.stream().map(line -> new Line(line.sku().value(), line.quantity())).toList();
        }
    }

    record ShortageView(String sku, int requested, int available) {
        static List<ShortageView> of(List<Shortage> shortages) {
            return shortages.stream().map(s -> new ShortageView(s.sku().value(), s.requested(), s.available())).toList();
        }
    }

    @EventType("StockReserved")
    record StockReserved(String orderId, List<Line> lines, String expiresAt) {
    }

    @EventType("StockRejected")
    record StockRejected(String orderId, String reason, List<ShortageView> shortages) {
    }

    @EventType("StockReleased")
    record StockReleased(String orderId, List<Line> lines, String reason) {
    }

    @EventType("StockCommitted")
    record StockCommitted(String orderId, List<Line> lines) {
    }

    @EventType("StockRestocked")
    record StockRestocked(String orderId, List<Line> lines, String reason) {
    }

    static Object payload(ReservationEvent event) {
        String orderId = event.orderId().toString();
        return event.match(new ReservationEvent.Cases<>() {
            @Override
            public Object reserved(ReservationEvent.Reserved e) {
                return new StockReserved(orderId, Line.of(e.lines()), e.expiresAt().toString());
            }

            @Override
            public Object rejected(ReservationEvent.Rejected e) {
                return new StockRejected(orderId, e.reason(), ShortageView.of(e.shortages()));
            }

            @Override
            public Object released(ReservationEvent.Released e) {
                return new StockReleased(orderId, Line.of(e.lines()), e.reason());
            }

            @Override
            public Object committed(ReservationEvent.Committed e) {
                return new StockCommitted(orderId, Line.of(e.lines()));
            }

            @Override
            public Object restocked(ReservationEvent.Restocked e) {
                return new StockRestocked(orderId, Line.of(e.lines()), e.reason());
            }
        });
    }

    private PublishedLanguage() {
    }
}
