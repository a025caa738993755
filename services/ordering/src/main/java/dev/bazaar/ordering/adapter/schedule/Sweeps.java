package dev.bazaar.ordering.adapter.schedule;

import dev.bazaar.ordering.order.application.Checkout;
import dev.bazaar.ordering.order.application.OverdueOrders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The clock's part in the saga: every {@code ordering.sweep-interval}, overdue orders are cancelled
 * and Idempotency-Keys past their time to live are forgotten. Every instance sweeps; the work is
 * safe to do twice (see {@link OverdueOrders}).
 */
@Component
@EnableScheduling
class Sweeps {

    private static final Logger log = LoggerFactory.getLogger(Sweeps.class);

    private final OverdueOrders overdue;
    private final Checkout checkout;

    Sweeps(OverdueOrders overdue, Checkout checkout) {
        this.overdue = overdue;
        this.checkout = checkout;
    }

    @Scheduled(fixedDelayString = "${ordering.sweep-interval:10s}", initialDelayString = "${ordering.sweep-interval:10s}")
    void sweep() {
        // A failed sweep (the database away) must not end the schedule: the next one tries again.
        try {
            int cancelled = overdue.cancelOverdue();
            int forgotten = checkout.forgetOldIdempotencyKeys();
            if (cancelled > 0 || forgotten > 0) {
                log.info("Sweep: {} overdue orders cancelled, {} old Idempotency-Keys forgotten", cancelled, forgotten);
            }
        } catch (RuntimeException e) {
            log.warn("Sweep failed, the next one tries again: {}", e.getMessage());
        }
    }
}
