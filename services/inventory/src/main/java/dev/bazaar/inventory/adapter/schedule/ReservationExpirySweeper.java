package dev.bazaar.inventory.adapter.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.bazaar.inventory.InventoryProperties;
import dev.bazaar.inventory.reservation.application.StockReservations;
import dev.bazaar.platform.messaging.ReadThrough;
import dev.bazaar.platform.work.Worker;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Releases the held reservations whose order was not paid by their expiry, when the first of them expires: it sleeps
 * until then, at least a second between sweeps (or the interval, if shorter) and at most
 * {@code inventory.expiry-sweep-interval} (1 min), going on at once while full batches come back. A reservation due is
 * released only once inventory has read every order event published before its expiry: while it is behind, the sweep
 * waits for the consumers (a second between tries). Safe with several
 * instances of inventory: each sweep locks the reservations it takes and skips those another instance holds. A failed
 * sweep (the database away) leaves the reservations due for the next; the chassis supervises the loop.
 */
@Configuration
class ReservationExpirySweeper {

    private static final int BATCH = 100;

    @Bean
    Worker reservationExpiry(StockReservations reservations, ReadThrough readThrough, Clock clock, InventoryProperties properties) {
        Duration longest = properties.expirySweepInterval();
        Duration shortest = longest.compareTo(Duration.ofSeconds(1)) < 0 ? longest : Duration.ofSeconds(1);
        return new Worker("reservation-expiry", shortest, longest, () -> {
            Optional<Instant> next = reservations.nextExpiry();
            // Kafka is asked how far inventory has read only when a reservation is due.
            if (next.isEmpty() || next.get().isAfter(clock.instant())) {
                return next.orElse(null);
            }
            return reservations.expireDue(BATCH, readThrough.now()) == BATCH ? Worker.Round.MORE : reservations.nextExpiry().orElse(null);
        }, Duration.ofMinutes(2), SmartLifecycle.DEFAULT_PHASE);
    }
}
