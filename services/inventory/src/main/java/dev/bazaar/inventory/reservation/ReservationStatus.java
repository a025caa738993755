package dev.bazaar.inventory.reservation;

/**
 * HELD until the order is paid (COMMITTED) or given up or left unpaid too long (RELEASED); a
 * COMMITTED reservation whose order is cancelled after all is RESTOCKED. RELEASED and RESTOCKED
 * are final.
 */
public enum ReservationStatus {
    HELD, COMMITTED, RELEASED, RESTOCKED
}
