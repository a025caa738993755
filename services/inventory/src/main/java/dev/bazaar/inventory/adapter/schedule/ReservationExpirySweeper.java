package dev.bazaar.inventory.adapter.schedule;

import java.time.Duration;

import dev.bazaar.inventory.InventoryProperties;
import dev.bazaar.inventory.reservation.application.StockReservations;
import dev.bazaar.platform.work.Worker;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Releases the held reservations whose order was not paid by their expiry, when the first of them expires: it sleeps
 * until then, at least a second between sweeps (or the interval, if shorter) and at most
 * {@code inventory.expiry-sweep-interval} (1 min), going on at once while full batches come back. Safe with several
 * instances of inventory: each sweep locks the reservations it takes and skips those another instance holds. A failed
 * sweep (the database away) leaves the reservations due for the next; the chassis supervises the loop.
 */
@Configuration
class ReservationExpirySweeper {

    private static final int BATCH = 100;

    @Bean
    Worker reservationExpiry(StockReservations reservations, InventoryProperties properties) {
        Duration longest = properties.expirySweepInterval();
        Duration shortest = longest.compareTo(Duration.ofSeconds(1)) < 0 ? longest : Duration.ofSeconds(1);
        return new Worker("reservation-expiry", shortest, longest,
                () -> reservations.expireDue(BATCH) == BATCH ? Worker.Round.MORE : reservations.nextExpiry().orElse(null),
                Duration.ofMinutes(2), SmartLifecycle.DEFAULT_PHASE);
    }
}
