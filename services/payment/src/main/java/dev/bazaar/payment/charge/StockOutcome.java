package dev.bazaar.payment.charge;

/** What inventory decided for an order: a payment is charged only once its stock is RESERVED. */
public enum StockOutcome {
    RESERVED,
    REJECTED
}
