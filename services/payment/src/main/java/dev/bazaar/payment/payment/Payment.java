package dev.bazaar.payment.payment;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The charge for one order. It opens PENDING when the order is placed, and is charged only once
 * inventory has also reserved the order's stock; then it is CAPTURED or DECLINED. A pending
 * payment whose order is rejected or cancelled is VOIDED, never charged. A captured one whose
 * order is cancelled is REFUNDED. The encrypted card is kept only while the payment is pending.
 */
public final class Payment {

    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");

    private final UUID id;
    private final UUID orderId;
    private final Money amount;
    private final String cardLast4;
    private EncryptedCard card;
    private boolean stockReserved;
    private PaymentStatus status;
    private String reason;

    private Payment(UUID id, UUID orderId, Money amount, String cardLast4, EncryptedCard card, boolean stockReserved,
                    PaymentStatus status, String reason) {
        this.id = Objects.requireNonNull(id, "id");
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.amount = Objects.requireNonNull(amount, "amount");
        if (cardLast4 == null || !LAST4.matcher(cardLast4).matches()) {
            throw new IllegalArgumentException("A payment keeps the card's last four digits, was " + cardLast4);
        }
        this.cardLast4 = cardLast4;
        this.status = Objects.requireNonNull(status, "status");
        if (status == PaymentStatus.PENDING && card == null) {
            throw new IllegalArgumentException("A pending payment needs the card to charge");
        }
        this.card = card;
        this.stockReserved = stockReserved;
        this.reason = reason;
    }

    /** A payment for a newly placed order, waiting for its stock. */
    public static Payment open(UUID id, UUID orderId, Money amount, String cardLast4, EncryptedCard card) {
        return new Payment(id, orderId, amount, cardLast4, Objects.requireNonNull(card, "card"), false,
                PaymentStatus.PENDING, null);
    }

    /** A payment as it was stored. */
    public static Payment restore(UUID id, UUID orderId, Money amount, String cardLast4, EncryptedCard card,
                                  boolean stockReserved, PaymentStatus status, String reason) {
        return new Payment(id, orderId, amount, cardLast4, card, stockReserved, status, reason);
    }

    /** Inventory has reserved every line of the order: the payment may now be charged. */
    public void stockReserved() {
        requireStatus(PaymentStatus.PENDING, "note the reserved stock of");
        if (stockReserved) {
            throw new IllegalStateException("The stock of order " + orderId + " is already known to be reserved");
        }
        stockReserved = true;
    }

    /** Pending, with its stock reserved: nothing stands between this payment and its charge. */
    public boolean readyToCharge() {
        return status == PaymentStatus.PENDING && stockReserved;
    }

    /** The card to decrypt and charge; only while the payment is ready to be charged. */
    public EncryptedCard cardToCharge() {
        requireReady("charge");
        return card;
    }

    public PaymentEvent.Captured capture() {
        requireReady("capture");
        decide(PaymentStatus.CAPTURED, null);
        return new PaymentEvent.Captured(orderId, id, amount, cardLast4);
    }

    public PaymentEvent.Declined decline(String why) {
        requireReady("decline");
        decide(PaymentStatus.DECLINED, requireReason(why));
        return new PaymentEvent.Declined(orderId, id, reason, cardLast4);
    }

    /** The order will not be charged (its stock was rejected, or it was cancelled first). Nothing to announce: no money moved. */
    public void voidBecause(String why) {
        requireStatus(PaymentStatus.PENDING, "void");
        decide(PaymentStatus.VOIDED, requireReason(why));
    }

    public PaymentEvent.Refunded refund(String why) {
        requireStatus(PaymentStatus.CAPTURED, "refund");
        status = PaymentStatus.REFUNDED;
        reason = requireReason(why);
        return new PaymentEvent.Refunded(orderId, id, amount, reason);
    }

    /** Once decided, the ciphertext is dropped: only the last four digits stay. */
    private void decide(PaymentStatus outcome, String why) {
        status = outcome;
        reason = why;
        card = null;
    }

    private void requireReady(String action) {
        requireStatus(PaymentStatus.PENDING, action);
        if (!stockReserved) {
            throw new IllegalStateException("Cannot " + action + " payment " + id + " before the stock of order "
                    + orderId + " is reserved");
        }
    }

    private void requireStatus(PaymentStatus expected, String action) {
        if (status != expected) {
            throw new IllegalStateException("Cannot " + action + " payment " + id + ": it is " + status
                    + ", not " + expected);
        }
    }

    private static String requireReason(String why) {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("A reason is required");
        }
        return why.strip();
    }

    public UUID id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    public Money amount() {
        return amount;
    }

    public String cardLast4() {
        return cardLast4;
    }

    /** The encrypted card while pending; null once the charge is decided. */
    public EncryptedCard card() {
        return card;
    }

    public boolean isStockReserved() {
        return stockReserved;
    }

    public PaymentStatus status() {
        return status;
    }

    /** Why it was declined, voided or refunded; null otherwise. */
    public String reason() {
        return reason;
    }
}
