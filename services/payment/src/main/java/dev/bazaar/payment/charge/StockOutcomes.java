package dev.bazaar.payment.charge;

import java.util.Optional;
import java.util.UUID;

/**
 * Payment's memory of inventory's decisions, per order, for the orders whose answer arrived before the order itself
 * (they come on different topics): the placement that opens the payment reads it. An answer that finds the payment open
 * goes into the payment.
 */
public interface StockOutcomes {

    /** @return false when an outcome for that order is known already; the first one stands */
    boolean record(UUID orderId, StockOutcome outcome);

    Optional<StockOutcome> find(UUID orderId);
}
