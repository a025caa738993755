package dev.bazaar.launcher;

/**
 * What a projection rebuild did, as the service reports it.
 *
 * @param projection the projection, e.g. {@code customer-orders}
 * @param orders     the orders it now holds
 * @param events     the events it replayed
 * @param tookMs     how long the rebuild took, in milliseconds
 */
public record ProjectionRebuild(String projection, long orders, long events, long tookMs) {
}
