package dev.bazaar.fulfillment.shipment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShipmentTest {

    private static final Duration SHIP_AFTER = Duration.ofSeconds(2);
    private static final Duration DELIVER_AFTER = Duration.ofSeconds(3);

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private final UUID shipmentId = UUID.randomUUID();
    private final UUID orderId = UUID.randomUUID();
    private final Address lyon = new Address("12 Market Street", "Lyon", "69002", "FR");

    private Shipment waiting() {
        return Shipment.forOrder(shipmentId, orderId, UUID.randomUUID());
    }

    private Shipment scheduled() {
        Shipment shipment = waiting();
        shipment.schedule(lyon, clock.instant().plus(SHIP_AFTER));
        return shipment;
    }

    private Shipment shipped() {
        Shipment shipment = scheduled();
        Instant pickup = later(SHIP_AFTER);
        shipment.ship("BZ000000001", pickup, pickup.plus(DELIVER_AFTER));
        return shipment;
    }

    private Instant later(Duration duration) {
        return Clock.offset(clock, duration).instant();
    }

    @Test
    void aConfirmedOrderWaitsForItsAddressAndIsNotTheCarriersYet() {
        Shipment shipment = waiting();

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.WAITING_FOR_ADDRESS);
        assertThat(shipment.address()).isNull();
        assertThat(shipment.carrierStepDue(later(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void aScheduledShipmentCarriesTheCustomersDeliveryInstructionsForTheCarrier() {
        Shipment withInstructions = waiting();
        Shipment without = Shipment.forOrder(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        withInstructions.schedule(lyon, "  Leave it with the concierge  ", later(SHIP_AFTER));
        without.schedule(lyon, "", later(SHIP_AFTER));

        assertThat(withInstructions.deliveryInstructions()).isEqualTo("Leave it with the concierge");
        assertThat(without.deliveryInstructions()).isNull();
        assertThat(waiting().deliveryInstructions()).isNull();
    }

    @Test
    void schedulingAnnouncesWhereTheShipmentGoes() {
        Shipment shipment = waiting();

        ShipmentEvent.Scheduled scheduled = shipment.schedule(lyon, clock.instant().plus(SHIP_AFTER));

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.SCHEDULED);
        assertThat(scheduled).isEqualTo(new ShipmentEvent.Scheduled(shipmentId, orderId, lyon));
        assertThat(shipment.nextStepAt()).isEqualTo(later(SHIP_AFTER));
    }

    @Test
    void theCarrierPicksUpNoEarlierThanItsDueTime() {
        Shipment shipment = scheduled();
        Instant tooEarly = later(SHIP_AFTER.minusMillis(1));

        assertThat(shipment.carrierStepDue(tooEarly)).isFalse();
        assertThatThrownBy(() -> shipment.ship("BZ000000001", tooEarly, tooEarly.plus(DELIVER_AFTER)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before");
        assertThat(shipment.carrierStepDue(later(SHIP_AFTER))).isTrue();
    }

    @Test
    void shippingAnnouncesTheTrackingNumberAndSetsTheDeliveryTime() {
        Shipment shipment = scheduled();
        Instant pickup = later(SHIP_AFTER);

        ShipmentEvent.Shipped shipped = shipment.ship("BZ123456789", pickup, pickup.plus(DELIVER_AFTER));

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.SHIPPED);
        assertThat(shipped).isEqualTo(new ShipmentEvent.Shipped(shipmentId, orderId, "BZ123456789"));
        assertThat(shipment.carrierStepDue(later(SHIP_AFTER.plus(DELIVER_AFTER).minusMillis(1)))).isFalse();
        assertThat(shipment.carrierStepDue(later(SHIP_AFTER.plus(DELIVER_AFTER)))).isTrue();
    }

    @Test
    void deliversOnlyAShippedShipmentOnceDue() {
        assertThatThrownBy(() -> scheduled().deliver(later(Duration.ofDays(1)))).isInstanceOf(IllegalStateException.class);
        Shipment shipment = shipped();
        assertThatThrownBy(() -> shipment.deliver(later(SHIP_AFTER))).isInstanceOf(IllegalStateException.class);

        ShipmentEvent.Delivered delivered = shipment.deliver(later(SHIP_AFTER.plus(DELIVER_AFTER)));

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(delivered).isEqualTo(new ShipmentEvent.Delivered(shipmentId, orderId));
        assertThat(shipment.carrierStepDue(later(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void aRefusedShipmentFailsWithItsReasonAndIsNeverPickedUp() {
        Shipment shipment = scheduled();

        ShipmentEvent.Failed failed = shipment.fail("carrier does not deliver to AQ");

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.FAILED);
        assertThat(failed).isEqualTo(new ShipmentEvent.Failed(shipmentId, orderId, "carrier does not deliver to AQ"));
        assertThat(shipment.carrierStepDue(later(Duration.ofDays(1)))).isFalse();
        assertThatThrownBy(() -> shipment.ship("BZ1", later(SHIP_AFTER), later(SHIP_AFTER))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aShipmentIsCancelledOnlyBeforeTheCarrierTakesIt() {
        Shipment waiting = waiting();
        ShipmentEvent.Cancelled waitingCancelled = waiting.cancel("order cancelled");
        Shipment scheduled = scheduled();
        ShipmentEvent.Cancelled scheduledCancelled = scheduled.cancel(" order cancelled: deadline passed ");

        assertThat(waitingCancelled).isEqualTo(new ShipmentEvent.Cancelled(shipmentId, orderId, "order cancelled"));
        assertThat(scheduledCancelled).as("with the reason as kept")
                .isEqualTo(new ShipmentEvent.Cancelled(shipmentId, orderId, "order cancelled: deadline passed"));
        assertThat(waiting.status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(scheduled.status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(scheduled.carrierStepDue(later(Duration.ofDays(1)))).isFalse();
        assertThatThrownBy(() -> shipped().cancel("order cancelled")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHIPPED");
        assertThatThrownBy(() -> shipped().fail("lost")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aShipmentOnItsWayIsRecalledWhenItsOrderIsCancelledAndNeverDelivered() {
        Shipment shipment = shipped();

        ShipmentEvent.Cancelled recalled = shipment.recall("recalled, order cancelled: cancelled by the shopper");

        assertThat(recalled).isEqualTo(new ShipmentEvent.Cancelled(shipmentId, orderId, "recalled, order cancelled: cancelled by the shopper"));
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(shipment.reason()).isEqualTo("recalled, order cancelled: cancelled by the shopper");
        assertThat(shipment.trackingNumber()).isEqualTo("BZ000000001");
        assertThat(shipment.carrierStepDue(later(Duration.ofDays(1)))).isFalse();
        assertThatThrownBy(() -> shipment.deliver(later(Duration.ofDays(1)))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> scheduled().recall("not taken yet")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEndedShipmentChangesNoMore() {
        Shipment cancelled = scheduled();
        cancelled.cancel("order cancelled");

        assertThatThrownBy(() -> cancelled.cancel("again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cancelled.fail("late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cancelled.schedule(lyon, later(SHIP_AFTER))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aShipmentIsScheduledOnce() {
        Shipment shipment = scheduled();

        assertThatThrownBy(() -> shipment.schedule(lyon, later(SHIP_AFTER))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SCHEDULED");
    }

    @Test
    void endingAShipmentNeedsAReason() {
        assertThatThrownBy(() -> scheduled().fail(" ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> waiting().cancel(null)).hasMessageContaining("reason");
    }

    @Test
    void anAddressIsCompleteWithATwoLetterCountry() {
        assertThatThrownBy(() -> new Address("", "Lyon", "69002", "FR")).hasMessageContaining("line1");
        assertThatThrownBy(() -> new Address("1 Rue", "Lyon", "69002", "France")).hasMessageContaining("country");
        assertThat(new Address(" 1 Rue ", "Lyon", "69002", "FR").line1()).isEqualTo("1 Rue");
    }
}
