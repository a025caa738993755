package dev.bazaar.payment.charge;

import java.util.Optional;
import java.util.UUID;

/**
 * Payment's memory of inventory's decisions, per order. Inventory's answer may arrive before the
 * order itself (they come on different topics), so it is kept until the payment exists.
 */
public interface StockOutcomes {

    /** @return false when an outcome for that order is known already; the first one stands */
    boolean record(UUID orderId, StockOutcome outcome);

    Optional<StockOutcome> find(UUID orderId);
}
