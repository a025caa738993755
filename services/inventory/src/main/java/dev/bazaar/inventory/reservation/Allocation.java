package dev.bazaar.inventory.reservation;

/** The outcome of asking stock for an order: every line reserved, or none. */
public sealed interface Allocation {

    ReservationEvent event();

    record Reserved(Reservation reservation, ReservationEvent.Reserved event) implements Allocation {
    }

    record Rejected(ReservationEvent.Rejected event) implements Allocation {
    }
}
