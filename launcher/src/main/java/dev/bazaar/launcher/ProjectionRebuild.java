package dev.bazaar.launcher;

/** What a projection rebuild did, as the service reports it: the orders it now holds, from how many events replayed. */
public record ProjectionRebuild(String projection, long orders, long events, long tookMs) {
}
