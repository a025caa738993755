package dev.bazaar.inventory.reservation.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.bazaar.inventory.reservation.Reservation;
import dev.bazaar.platform.tracing.Traced;

/** The held reservations whose time is up, as the sweep takes them. */
public interface ExpiredReservations {

    /**
     * Held reservations whose expiry is at or before {@code now}, soonest expired first, locked
     * until the transaction ends; those another transaction holds are skipped rather than waited
     * for, so several sweepers (or a sweeper and an order's handler) never take the same one. Each comes with the trace
     * context of the placement that made it, whose child its release is.
     */
    List<Traced<Reservation>> lockExpired(Instant now, int limit);

    /** When the first held reservation expires; empty when none is held. */
    Optional<Instant> nextExpiry();
}
