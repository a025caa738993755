package dev.bazaar.payment.payment;

/** Where a payment is in its life. Only PENDING is open; REFUNDED follows CAPTURED. */
public enum PaymentStatus {
    /** Waiting for the order's stock to be reserved before the card is charged. */
    PENDING,
    CAPTURED,
    DECLINED,
    /** Never charged: the order was rejected or cancelled first. */
    VOIDED,
    REFUNDED
}
