package dev.bazaar.ordering.replica;

import java.time.Instant;

import dev.bazaar.ordering.order.CustomerId;

/** The customers ordering has heard of through customer.events; only they may place orders. */
public interface KnownCustomers {

    void register(CustomerId customer, Instant registeredAt);

    boolean exists(CustomerId customer);
}
