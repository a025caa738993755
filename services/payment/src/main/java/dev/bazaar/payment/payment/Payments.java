package dev.bazaar.payment.payment;

import java.util.Optional;
import java.util.UUID;

/** Where payments are kept: one per order. */
public interface Payments {

    /**
     * Serialises every change about one order until the current transaction ends. The order's
     * events arrive on two topics, handled concurrently; without this each handler could miss what
     * the other has just written, and the payment would never be charged.
     */
    void lockOrder(UUID orderId);

    Optional<Payment> findByOrder(UUID orderId);

    void add(Payment payment);

    void update(Payment payment);
}
