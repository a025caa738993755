package dev.bazaar.payment.charge;

/**
 * Where a payment is in its life. PENDING, VOIDING and REFUNDING are open: each still owes the card
 * processor a call. REFUNDED follows CAPTURED, through REFUNDING.
 */
public enum PaymentStatus {
    /** Waiting for the order's stock, then charged (and retried while the processor is slow or down). */
    PENDING,
    CAPTURED,
    DECLINED,
    /** Cancelled while a charge may have reached the processor: the charge is voided there before the payment is VOIDED. */
    VOIDING,
    /** Never charged: the order was rejected or cancelled first. */
    VOIDED,
    /** Cancelled after its capture: the refund is on its way through the processor. */
    REFUNDING,
    REFUNDED
}
