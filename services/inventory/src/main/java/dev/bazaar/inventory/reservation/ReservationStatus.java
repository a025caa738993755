package dev.bazaar.inventory.reservation;

/** HELD until the order is paid (COMMITTED) or given up (RELEASED); both are final. */
public enum ReservationStatus {
    HELD, COMMITTED, RELEASED
}
