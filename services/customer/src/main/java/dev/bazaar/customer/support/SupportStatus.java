package dev.bazaar.customer.support;

/**
 * Where a request stands: OPEN while it waits for staff (opened, or the shopper wrote again), ANSWERED once staff
 * replied and until the shopper writes again, CLOSED for good (by the shopper or by staff).
 */
public enum SupportStatus {
    OPEN, ANSWERED, CLOSED
}
