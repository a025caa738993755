package dev.bazaar.inventory.adapter.schedule;

import dev.bazaar.inventory.InventoryProperties;
import dev.bazaar.inventory.reservation.application.StockReservations;
import dev.bazaar.platform.work.Worker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@code inventory.expiry-sweep-interval} (1s) releases the held reservations whose order was not paid by their
 * expiry, going on at once while full batches come back. Safe with several instances of inventory: each sweep locks
 * the reservations it takes and skips those another instance holds. A failed sweep (the database away) leaves the
 * reservations due for the next; the chassis supervises the loop.
 */
@Configuration
class ReservationExpirySweeper {

    private static final int BATCH = 100;

    @Bean
    Worker reservationExpiry(StockReservations reservations, InventoryProperties properties) {
        return new Worker("reservation-expiry", properties.expirySweepInterval(),
                () -> reservations.expireDue(BATCH) == BATCH);
    }
}
