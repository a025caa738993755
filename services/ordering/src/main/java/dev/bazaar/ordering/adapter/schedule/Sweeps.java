package dev.bazaar.ordering.adapter.schedule;

import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.ordering.order.application.Checkout;
import dev.bazaar.ordering.order.application.OverdueOrders;
import dev.bazaar.platform.messaging.ReadThrough;
import dev.bazaar.platform.work.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock's part in the saga: every {@code ordering.sweep-interval}, overdue orders are cancelled and
 * Idempotency-Keys past their time to live are forgotten. Every instance sweeps; the work is safe to do twice (see
 * {@link OverdueOrders}), and gives an order up only once ordering has read what was published before its deadline
 * ({@link ReadThrough}). A failed sweep is retried at the next; the chassis supervises the loop.
 */
@Configuration
class Sweeps {

    private static final Logger log = LoggerFactory.getLogger(Sweeps.class);

    @Bean
    Worker orderingSweeps(OverdueOrders overdue, ReadThrough readThrough, Checkout checkout, OrderingProperties properties) {
        return new Worker("ordering-sweeps", properties.sweepInterval(), () -> {
            int cancelled = overdue.cancelOverdue(readThrough::now);
            int forgotten = checkout.forgetOldIdempotencyKeys();
            if (cancelled > 0 || forgotten > 0) {
                log.info("Sweep: {} overdue orders cancelled, {} old Idempotency-Keys forgotten", cancelled, forgotten);
            }
            return false;
        });
    }
}
