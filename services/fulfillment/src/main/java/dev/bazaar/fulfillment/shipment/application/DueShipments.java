package dev.bazaar.fulfillment.shipment.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.bazaar.fulfillment.shipment.Shipment;
import dev.bazaar.platform.tracing.Traced;

/** The shipments whose next carrier step is due, as the carrier's rounds take them. */
public interface DueShipments {

    /**
     * Shipments whose next carrier step is due by {@code now}, locked until the current transaction
     * ends; those another instance holds are skipped rather than waited for. Each comes with the trace context of the
     * confirmation that made it, whose child each carrier step is.
     */
    List<Traced<Shipment>> lockDueForCarrier(Instant now, int limit);

    /** When the first carrier step of any shipment is due; empty when none waits for the carrier. */
    Optional<Instant> nextDue();
}
