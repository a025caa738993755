package dev.bazaar.payment.charge;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The charge for one order. It opens PENDING when the order is placed, and is charged only once
 * inventory has also reserved the order's stock; then it is CAPTURED or DECLINED. While the card
 * processor is slow or down the charge stays PENDING and is retried with a growing delay, for as
 * long as the order stands. A pending payment whose order is rejected or cancelled is VOIDED, never
 * charged — through VOIDING when a charge may already have reached the processor. A captured one
 * whose order is cancelled is REFUNDED, through REFUNDING. The encrypted card is kept only while
 * the payment may still be charged. It keeps the order's customer, whose payment it is to see.
 */
public final class Payment {

    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");

    private final UUID id;
    private final UUID orderId;
    private final UUID customerId;
    private final Money amount;
    private final String cardLast4;
    private EncryptedCard card;
    private boolean stockReserved;
    private PaymentStatus status;
    private String reason;
    private Attempts attempts;

    private Payment(UUID id, UUID orderId, UUID customerId, Money amount, String cardLast4, EncryptedCard card,
                    boolean stockReserved, PaymentStatus status, String reason, Attempts attempts) {
        this.id = Objects.requireNonNull(id, "id");
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.customerId = customerId;
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
        this.attempts = Objects.requireNonNull(attempts, "attempts");
    }

    /** A payment for a newly placed order of this customer, waiting for its stock. */
    public static Payment open(UUID id, UUID orderId, UUID customerId, Money amount, String cardLast4, EncryptedCard card) {
        return new Payment(id, orderId, Objects.requireNonNull(customerId, "customerId"), amount, cardLast4,
                Objects.requireNonNull(card, "card"), false, PaymentStatus.PENDING, null, Attempts.NONE);
    }

    /** A payment as it was stored; one opened before payment kept customers has none. */
    public static Payment restore(UUID id, UUID orderId, UUID customerId, Money amount, String cardLast4, EncryptedCard card,
                                  boolean stockReserved, PaymentStatus status, String reason, Attempts attempts) {
        return new Payment(id, orderId, customerId, amount, cardLast4, card, stockReserved, status, reason, attempts);
    }

    /** Inventory has reserved every line of the order: the payment is to be charged now. */
    public void stockReserved(Instant now) {
        requireStatus(PaymentStatus.PENDING, "note the reserved stock of");
        if (stockReserved) {
            throw new IllegalStateException("The stock of order " + orderId + " is already known to be reserved");
        }
        stockReserved = true;
        attempts = Attempts.dueAt(now);
    }

    /** Pending, with its stock reserved: nothing stands between this payment and its charge. */
    public boolean readyToCharge() {
        return status == PaymentStatus.PENDING && stockReserved;
    }

    /** What the card processor still has to do for this payment, if anything. */
    public Optional<ProcessorOperation> operationDue() {
        if (readyToCharge()) {
            return Optional.of(ProcessorOperation.CHARGE);
        }
        if (status == PaymentStatus.VOIDING) {
            return Optional.of(ProcessorOperation.VOID);
        }
        if (status == PaymentStatus.REFUNDING) {
            return Optional.of(ProcessorOperation.REFUND);
        }
        return Optional.empty();
    }

    /** The card to decrypt and charge; only while the payment is ready to be charged. */
    public EncryptedCard cardToCharge() {
        requireReady("charge");
        return card;
    }

    public PaymentEvent.Captured capture() {
        requireReady("capture");
        decide(PaymentStatus.CAPTURED, null);
        attempts = attempts.answered();
        return new PaymentEvent.Captured(orderId, id, amount, cardLast4);
    }

    public PaymentEvent.Declined decline(String why) {
        requireReady("decline");
        decide(PaymentStatus.DECLINED, requireReason(why));
        attempts = attempts.answered();
        return new PaymentEvent.Declined(orderId, id, reason, cardLast4);
    }

    /**
     * A call to the processor failed: the payment stays as it is and the call is due again after
     * the backoff. A charge that may have gone through (the answer was lost, not refused) stays in
     * doubt until the processor answers, so that a cancellation voids it there.
     */
    public void attemptFailed(String error, boolean processorMayHaveActed, Instant now, Backoff backoff) {
        ProcessorOperation operation = operationDue().orElseThrow(() -> new IllegalStateException(
                "Payment " + id + " is " + status + " and owes the processor nothing"));
        attempts = attempts.failed(requireReason(error), now, backoff,
                operation == ProcessorOperation.CHARGE && processorMayHaveActed);
    }

    /**
     * The order will not be charged, and no charge can have reached the processor (its stock was
     * rejected, or it was cancelled before any call was made). Nothing to announce: no money moved.
     */
    public void voidBecause(String why) {
        requireStatus(PaymentStatus.PENDING, "void");
        if (attempts.chargeInDoubt()) {
            throw new IllegalStateException("Payment " + id + " may have been charged; it must be voided at the processor");
        }
        decide(PaymentStatus.VOIDED, requireReason(why));
        attempts = new Attempts(attempts.made(), null, null, false);
    }

    /**
     * The order is cancelled. A captured payment is to be refunded; a pending one is voided — at
     * once if no charge can have reached the processor, otherwise by voiding the charge there first.
     *
     * @param chargeInFlight a call to charge this payment has started and not been recorded yet
     */
    public void cancel(String why, boolean chargeInFlight, Instant now) {
        String cancellation = requireReason(why);
        if (status == PaymentStatus.CAPTURED) {
            status = PaymentStatus.REFUNDING;
            reason = cancellation;
            attempts = Attempts.dueAt(now);
        } else if (status == PaymentStatus.PENDING && !chargeInFlight && !attempts.chargeInDoubt()) {
            voidBecause(cancellation);
        } else if (status == PaymentStatus.PENDING) {
            decide(PaymentStatus.VOIDING, cancellation);
            attempts = Attempts.dueAt(now);
        } else {
            throw new IllegalStateException("Cannot cancel payment " + id + ": it is " + status);
        }
    }

    /** The processor has voided the charge (reversing it, if it had gone through). */
    public void voided() {
        requireStatus(PaymentStatus.VOIDING, "complete the void of");
        status = PaymentStatus.VOIDED;
        attempts = attempts.answered();
    }

    /** The processor has refunded the capture. */
    public PaymentEvent.Refunded refunded() {
        requireStatus(PaymentStatus.REFUNDING, "complete the refund of");
        status = PaymentStatus.REFUNDED;
        attempts = attempts.answered();
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

    /** The customer who placed the order; null for a payment opened before payment kept it (only staff see those). */
    public UUID customerId() {
        return customerId;
    }

    public Money amount() {
        return amount;
    }

    public String cardLast4() {
        return cardLast4;
    }

    /** The encrypted card while it may still be charged; null once the charge is decided or given up. */
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

    public Attempts attempts() {
        return attempts;
    }
}
