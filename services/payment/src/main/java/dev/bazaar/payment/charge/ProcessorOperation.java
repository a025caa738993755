package dev.bazaar.payment.charge;

/** What an open payment still needs the card processor to do. */
public enum ProcessorOperation {
    CHARGE,
    /** Cancel a charge whose outcome is unknown, so that it is never captured (or is reversed if it was). */
    VOID,
    REFUND
}
