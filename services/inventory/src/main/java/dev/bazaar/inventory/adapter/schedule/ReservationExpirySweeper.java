package dev.bazaar.inventory.adapter.schedule;

import dev.bazaar.inventory.reservation.application.StockReservations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code inventory.expiry-sweep-interval} (1s) releases the held reservations whose order was
 * not paid by their expiry. Safe with several instances of inventory: each sweep locks the
 * reservations it takes and skips those another instance holds.
 */
@Configuration
@EnableScheduling
class ReservationExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpirySweeper.class);
    private static final int BATCH = 100;

    private final StockReservations reservations;

    ReservationExpirySweeper(StockReservations reservations) {
        this.reservations = reservations;
    }

    @Scheduled(fixedDelayString = "${inventory.expiry-sweep-interval:1s}")
    void sweep() {
        try {
            while (reservations.expireDue(BATCH) == BATCH) {
                // A full batch may mean more are due: keep going until none is left.
            }
        } catch (RuntimeException e) {
            // A database that is away now is back at a later sweep; nothing is lost, the reservations stay due.
            log.warn("Sweeping expired reservations failed, the next sweep tries again: {}", e.getMessage());
        }
    }
}
