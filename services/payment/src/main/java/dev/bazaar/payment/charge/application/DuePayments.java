package dev.bazaar.payment.charge.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.bazaar.payment.charge.Payment;
import dev.bazaar.platform.tracing.Traced;

/** The payments that owe the card processor a call, as the worker claims them. */
public interface DuePayments {

    /**
     * Leases up to {@code limit} payments whose processor call is due and not leased to another
     * worker, skipping those another transaction holds: two workers never claim the same payment,
     * and one that dies holding a lease gives it up when the lease runs out. Each comes with the trace context of the
     * change that last made its call due, whose child the call is.
     */
    List<Traced<Payment>> claimDue(Instant now, int limit, Instant leaseUntil, UUID leaseToken);
}
