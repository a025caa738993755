package dev.bazaar.fulfillment.shipment.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.AddressBook;
import dev.bazaar.fulfillment.shipment.Carrier;
import dev.bazaar.fulfillment.shipment.Shipment;
import dev.bazaar.fulfillment.shipment.ShipmentEvent;
import dev.bazaar.fulfillment.shipment.ShipmentStatus;
import dev.bazaar.fulfillment.shipment.Shipments;
import dev.bazaar.platform.ids.TimeSortedIds;
import dev.bazaar.platform.messaging.Outbox;
import dev.bazaar.platform.tracing.Traced;
import dev.bazaar.platform.tracing.Traces;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fulfillment's part in the order saga: a confirmed order becomes a shipment to the customer's
 * address, which the carrier then picks up and delivers. Every change commits together with the
 * events it publishes.
 */
@Service
public class Shipping {

    private static final Logger log = LoggerFactory.getLogger(Shipping.class);

    private final Shipments shipments;
    private final DueShipments dueShipments;
    private final AddressBook addresses;
    private final Carrier carrier;
    private final Outbox outbox;
    private final ShipmentMetrics metrics;
    private final Clock clock;
    private final Traces traces;
    private final ApplicationEventPublisher events;

    public Shipping(Shipments shipments, DueShipments dueShipments, AddressBook addresses, Carrier carrier, Outbox outbox,
                    ShipmentMetrics metrics, Clock clock, Traces traces, ApplicationEventPublisher events) {
        this.shipments = shipments;
        this.dueShipments = dueShipments;
        this.addresses = addresses;
        this.carrier = carrier;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.traces = traces;
        this.events = events;
    }

    /**
     * A confirmed order gets one shipment, scheduled at once if its customer's address is known; never one whose
     * cancellation came first (a confirmation redriven or replayed after it).
     */
    @Transactional
    public void on(OrderConfirmed confirmed) {
        addresses.lockCustomer(confirmed.customerId());
        shipments.lockOrder(confirmed.orderId());
        Optional<String> known = shipments.knownAlready(confirmed.orderId());
        if (known.isPresent()) {
            // A second copy of the confirmation (under a new event id): one order, one shipment. Or one redriven after
            // the order's cancellation: nothing is shipped.
            log.warn("Order {} is known here already ({}); its confirmation ships nothing", confirmed.orderId(), known.get());
            return;
        }
        Shipment shipment = Shipment.forOrder(TimeSortedIds.next(), confirmed.orderId(), confirmed.customerId());
        Optional<ShipmentEvent> scheduled = addresses.destinationOf(confirmed.customerId()).map(to ->
                shipment.schedule(to.address(), to.instructions(), pickupDue()));
        // Stored with this trace's context: the carrier's rounds pick it up and deliver it as part of the order's trace.
        shipments.add(shipment);
        scheduled.ifPresentOrElse(this::publish, () ->
                log.info("Shipment {} of order {} waits for the address of customer {}", shipment.id(),
                        shipment.orderId(), shipment.customerId()));
    }

    /** A customer's address became known or changed: the replica follows, and shipments waiting for it are scheduled. */
    @Transactional
    public void on(CustomerAddressKnown known) {
        addresses.lockCustomer(known.customerId());
        if (!addresses.put(known.customerId(), known.address(), known.version())) {
            // A late or redriven address: the newer one it would overwrite already scheduled what was waiting.
            log.info("Address of customer {} (version {}) is older than the one known; not applied", known.customerId(), known.version());
            return;
        }
        String instructions = instructionsOf(known.customerId());
        for (Shipment waiting : shipments.waitingForAddressOf(known.customerId())) {
            ShipmentEvent.Scheduled scheduled = waiting.schedule(known.address(), instructions, pickupDue());
            shipments.update(waiting);
            publish(scheduled);
        }
    }

    /**
     * A customer's delivery instructions changed: the replica follows, for the shipments scheduled from now on (those
     * waiting for an address included). Like a changed address, they do not follow a shipment already scheduled.
     */
    @Transactional
    public void on(DeliveryInstructionsKnown known) {
        addresses.lockCustomer(known.customerId());
        if (!addresses.putDeliveryInstructions(known.customerId(), known.instructions(), known.version())) {
            log.info("Delivery instructions of customer {} (version {}) are older than the ones known; not applied",
                    known.customerId(), known.version());
        }
    }

    /**
     * Ordering asks to stop a confirmed order's shipment, and cancels (and refunds) the order only on the answer: a
     * parcel delivered before it heard so would otherwise be delivered and refunded. The answer, ShipmentCancelled,
     * says that nothing was or will be delivered: the shipment was cancelled before the carrier took it, recalled from
     * it, or never made. A delivered or failed shipment has answered already, with ShipmentDelivered (the order stays
     * delivered) or ShipmentFailed (which cancels it), so it gets no other answer.
     */
    @Transactional
    public void on(OrderCancellationRequested requested) {
        // As for OrderCancelled: without it, a confirmation not yet committed would be missed, and its shipment go out
        // after the answer that none would.
        shipments.lockOrder(requested.orderId());
        Optional<Shipment> found = shipments.lockByOrder(requested.orderId());
        if (found.isEmpty()) {
            // Its confirmation has not reached fulfillment (a dead letter not redriven yet, say): recorded, so that it
            // ships nothing when it comes.
            ShipmentEvent.Cancelled none = new ShipmentEvent.Cancelled(null, requested.orderId(), requested.reason());
            if (shipments.recordCancellation(requested.orderId(), requested.reason())) {
                publish(none);
            } else {
                answerAgain(none);
            }
            log.info("Order {} has no shipment here; none will be made ({})", requested.orderId(), requested.reason());
            return;
        }
        Shipment shipment = found.get();
        Optional<ShipmentEvent.Cancelled> stopped = stop(shipment, requested.reason());
        if (stopped.isPresent()) {
            publish(stopped.get());
        } else if (shipment.status() == ShipmentStatus.CANCELLED) {
            // Cancelled already: on an earlier request (the same one again under a new event id, a redrive say), or on
            // an OrderCancelled, which published nothing. Ordering waits for an answer either way: the same one again,
            // which it skips if it has it.
            answerAgain(new ShipmentEvent.Cancelled(shipment.id(), shipment.orderId(), shipment.reason()));
        } else if (shipment.status() == ShipmentStatus.DELIVERED) {
            log.warn("Order {} was asked to be cancelled after its shipment {} was delivered; ordering keeps it delivered, "
                    + "on ShipmentDelivered", shipment.orderId(), shipment.id());
        } else {
            log.info("Order {} was asked to be cancelled after its shipment {} failed; ShipmentFailed cancels it",
                    shipment.orderId(), shipment.id());
        }
    }

    /**
     * A cancelled order's shipment is cancelled if the carrier has not taken it yet, and recalled if it is on its way.
     * Since ordering asks first ({@link OrderCancellationRequested}) once an order is confirmed, a cancellation normally
     * finds no shipment (an order cancelled before its confirmation) or one ended already (on ordering's request, or
     * failed); one still going is cancelled by an event from before ordering asked first (replayed, or redriven).
     */
    @Transactional
    public void on(OrderCancelled cancelled) {
        // Without it, a confirmation not yet committed (a redrive running beside the live stream) was not seen: the
        // cancellation was recorded, then the confirmation's shipment committed and was shipped.
        shipments.lockOrder(cancelled.orderId());
        Optional<Shipment> found = shipments.lockByOrder(cancelled.orderId());
        if (found.isEmpty()) {
            // Cancelled before it was confirmed (a declined payment, say): nothing to ship, and nothing ever will be,
            // should its confirmation come after all.
            shipments.recordCancellation(cancelled.orderId(), cancelled.reason());
            return;
        }
        // Nothing is published for it: counted here. A shipment ended already was failed (the cancellation follows from
        // it), cancelled (on ordering's request, which this cancellation follows), or delivered (only by a cancellation
        // from before ordering asked first, too late to recall anything; ordering dead-lettered that delivery).
        stop(found.get(), cancelled.reason()).ifPresent(stopped -> metrics.cancelled());
    }

    /**
     * Stops a shipment that has not ended: cancelled if the carrier has not taken it yet, recalled if it is on its way
     * (the cancellation crossed the pick-up: the order is refunded and restocked, so the parcel must come back).
     *
     * @return what happened to it; empty when it had ended already (delivered, failed or cancelled)
     */
    private Optional<ShipmentEvent.Cancelled> stop(Shipment shipment, String why) {
        ShipmentEvent.Cancelled stopped;
        if (shipment.status() == ShipmentStatus.WAITING_FOR_ADDRESS || shipment.status() == ShipmentStatus.SCHEDULED) {
            stopped = shipment.cancel("order cancelled: " + why);
            log.info("Cancelled shipment {} of order {}", shipment.id(), shipment.orderId());
        } else if (shipment.status() == ShipmentStatus.SHIPPED) {
            stopped = shipment.recall("recalled, order cancelled: " + why);
            log.warn("Recalled shipment {} of order {}: the order was cancelled after the carrier took it", shipment.id(),
                    shipment.orderId());
        } else {
            return Optional.empty();
        }
        shipments.update(shipment);
        return Optional.of(stopped);
    }

    /**
     * One round of the carrier: every shipment whose pick-up or delivery is due moves on. Rows are
     * locked with skip-locked, so instances running side by side each take different shipments.
     *
     * @return how many shipments moved
     */
    @Transactional
    public int advanceCarrier(int limit) {
        Instant now = now();
        List<Traced<Shipment>> due = dueShipments.lockDueForCarrier(now, limit);
        for (Traced<Shipment> next : due) {
            Shipment shipment = next.value();
            // A span of the order's trace, a child of its confirmation: the carrier's part in the journey.
            traces.resume(next.trace(), shipment.status() == ShipmentStatus.SCHEDULED ? "carrier pick-up"
                    : "carrier delivery", () -> advance(shipment, now));
        }
        return due.size();
    }

    private Void advance(Shipment shipment, Instant now) {
        ShipmentEvent event;
        if (shipment.status() == ShipmentStatus.SCHEDULED) {
            Carrier.Pickup pickup = carrier.pickUp(shipment.id(), shipment.address());
            event = pickup.isAccepted()
                    ? shipment.ship(pickup.trackingNumber(), now, now.plus(carrier.deliveryDelay()))
                    : shipment.fail(pickup.refusal());
        } else {
            event = shipment.deliver(now);
        }
        shipments.update(shipment);
        publish(event);
        traces.tag(Traces.OUTCOME_TAG, shipment.status().name().toLowerCase(java.util.Locale.ROOT));
        log.info("Shipment {} of order {} is {}", shipment.id(), shipment.orderId(), shipment.status());
        return null;
    }

    @Transactional(readOnly = true)
    public Optional<Shipment> find(UUID orderId) {
        return shipments.findByOrder(orderId);
    }

    /** A page of shipments, oldest first, optionally only those of one status; with how many there are in all. */
    @Transactional(readOnly = true)
    public Page<Shipment> list(Optional<ShipmentStatus> status, PageRequest request) {
        return Page.of(shipments.list(status, request.offset(), request.size()), request, shipments.count(status));
    }

    private String instructionsOf(UUID customerId) {
        return addresses.deliveryInstructions(customerId).orElse(null);
    }

    /**
     * When the carrier is to pick up a shipment scheduled now. Its rounds are told once the transaction commits
     * ({@link CarrierStepDue}), so that they wake by then rather than look for due shipments every so often.
     */
    private Instant pickupDue() {
        Instant due = now().plus(carrier.pickupDelay());
        events.publishEvent(new CarrierStepDue(due));
        return due;
    }

    /**
     * One round of the carrier: {@link #advanceCarrier} and, unless the batch was full, when its next step is due over
     * every shipment (another instance's too), which the rounds sleep until; in one transaction.
     */
    @Transactional
    public CarrierRound carrierRound(int limit) {
        int moved = advanceCarrier(limit);
        return new CarrierRound(moved, moved == limit ? Optional.empty() : dueShipments.nextDue());
    }

    /**
     * @param moved   how many shipments moved
     * @param nextDue when the next carrier step is due; empty when none waits for the carrier, or the batch was full
     */
    public record CarrierRound(int moved, Optional<Instant> nextDue) {
    }

    /** A carrier step falls due at this time: published in the transaction that scheduled it. */
    public record CarrierStepDue(Instant at) {
    }

    /** To PostgreSQL's precision, so that a due time read back compares as the one written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void publish(ShipmentEvent event) {
        outbox.append(event.orderId().toString(), PublishedLanguage.payload(event));
        metrics.published(event);
    }

    /** An answer given before, published again: nothing happened to the shipment, so nothing is counted. */
    private void answerAgain(ShipmentEvent.Cancelled answer) {
        outbox.append(answer.orderId().toString(), PublishedLanguage.payload(answer));
    }

    public record OrderConfirmed(UUID orderId, UUID customerId) {
    }

    public record OrderCancelled(UUID orderId, String reason) {
    }

    /** From OrderCancellationRequested: ordering will cancel the confirmed order once told that nothing will be delivered. */
    public record OrderCancellationRequested(UUID orderId, String reason) {
    }

    /**
     * From CustomerRegistered or CustomerAddressChanged: where the customer's parcels go now.
     *
     * @param version the customer's version; null in events from before customer counted versions
     */
    public record CustomerAddressKnown(UUID customerId, Address address, Long version) {
    }

    /**
     * From CustomerPreferencesChanged: what the carrier should read on the customer's parcels from now on.
     *
     * @param instructions plain text, empty when the customer has none (any more)
     * @param version      the customer's version they come from
     */
    public record DeliveryInstructionsKnown(UUID customerId, String instructions, long version) {
    }
}
