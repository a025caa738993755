package dev.bazaar.storefront.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/** What the pages show, as the public API answers it (only the fields the pages read; the rest are ignored). */
public final class Model {

    private Model() {
    }

    public record Money(BigDecimal amount, String currency) {
        /** {@code €39.90}: how a shopper reads a price. */
        public String text() {
            NumberFormat format = NumberFormat.getCurrencyInstance(Locale.UK);
            format.setCurrency(Currency.getInstance(currency));
            return format.format(amount.setScale(2, RoundingMode.HALF_EVEN));
        }
    }

    public record Product(String sku, String name, String description, String category, Money price) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }

    public record Stock(String sku, int available) {
    }

    /** A product as the platform could tell it: fresh, remembered by the gateway while catalog is away, or not at all. */
    public record ProductLookup(Product product, boolean stale) {
        public boolean known() {
            return product != null;
        }
    }

    public record CartItem(String sku, String name, int quantity, Money unitPrice, Money priceWhenAdded, boolean priceChanged,
                           Money lineTotal, boolean available) {
    }

    public record Cart(List<CartItem> items, Money total, int count) {
        public boolean isEmpty() {
            return items == null || items.isEmpty();
        }
    }

    public record Placed(String orderId, String status) {
    }

    public record OrderLine(String sku, String name, int quantity, Money unitPrice) {
    }

    public record HistoryEntry(String status, Instant at, String reason) {
    }

    public record Payment(String cardLast4) {
    }

    public record Order(String orderId, String status, List<OrderLine> lines, Money total, Payment payment, List<HistoryEntry> history) {
    }

    public record Shipment(String status, String trackingNumber, Address address) {
    }

    /** One part of a composed answer: {@code ok} with its value, {@code none}, {@code refused} or {@code unavailable}. */
    public record Part<T>(String state, T value, String detail) {
        public boolean ok() {
            return "ok".equals(state);
        }

        public boolean unavailable() {
            return "unavailable".equals(state);
        }
    }

    /** Payment's side of an order: PENDING, CAPTURED, DECLINED, VOIDING, VOIDED, REFUNDING or REFUNDED. */
    public record PaymentState(String status, Money amount, String cardLast4) {
    }

    public record OrderOverview(String id, Part<Order> order, Part<PaymentState> payment, Part<Shipment> shipment) {
    }

    public record OrderSummary(String orderId, String status, Money total, Instant placedAt, Instant updatedAt) {
    }

    public record Address(String line1, String city, String postalCode, String country) {
    }

    public record Profile(String id, String email, String name, Address address) {
    }

    public record Me(Part<Profile> profile, Part<Page<OrderSummary>> orders) {
    }

    public record SignUp(String email, String password, String name, Address address) {
    }

    /** An order nobody has moved for a while, and what it waits for (payment, shipment, delivery). */
    public record StuckOrder(String orderId, String customerId, String status, Money total, Instant placedAt, Instant updatedAt,
                             String waitingFor) {
    }

    public record RefundedOrder(String orderId, String customerId, Money total, Instant cancelledAt, String reason) {
    }

    public record Attention(Page<StuckOrder> stuck, List<RefundedOrder> refunded, String stuckAfter) {
    }

    public record Preferences(boolean marketingConsent, String deliveryInstructions) {
    }

    public record SupportMessage(String author, String text, Instant at) {
    }

    /** A request about an order; its {@code customerId} is whose it is, which staff need to answer it. */
    public record SupportRequest(String id, String customerId, String orderId, String subject, String status, Instant openedAt,
                                 Instant updatedAt, List<SupportMessage> messages) {
    }

    public record SupportSummary(String id, String customerId, String orderId, String subject, String status, Instant updatedAt,
                                 int messages, String lastAuthor) {
    }
}
