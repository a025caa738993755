package dev.bazaar.fulfillment.shipment.application;

import java.util.UUID;

import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.ShipmentEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

class ShipmentMetricsTest {

    private static final UUID SHIPMENT = UUID.randomUUID();
    private static final UUID ORDER = UUID.randomUUID();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ShipmentMetrics metrics = new ShipmentMetrics(registry);

    @AfterEach
    void noTransactionLeftOpen() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void eachStepOfAShipmentCountsOnItsOwnCounter() {
        metrics.published(new ShipmentEvent.Scheduled(SHIPMENT, ORDER, new Address("12 Market Street", "Lyon", "69002", "FR")));
        metrics.published(new ShipmentEvent.Shipped(SHIPMENT, ORDER, "BZ000000001"));
        metrics.published(new ShipmentEvent.Delivered(SHIPMENT, ORDER));
        metrics.published(new ShipmentEvent.Failed(UUID.randomUUID(), UUID.randomUUID(), "carrier does not deliver to AQ"));
        metrics.published(new ShipmentEvent.Cancelled(null, UUID.randomUUID(), "deadline passed"));
        metrics.cancelled();

        assertThat(count("bazaar.shipments.scheduled")).isEqualTo(1);
        assertThat(count("bazaar.shipments.shipped")).isEqualTo(1);
        assertThat(count("bazaar.shipments.delivered")).isEqualTo(1);
        assertThat(count("bazaar.shipments.failed")).isEqualTo(1);
        assertThat(count("bazaar.shipments.cancelled")).as("the one published, the one not").isEqualTo(2);
    }

    @Test
    void aStepIsCountedWhenItsTransactionCommitsAndNeverWhenItRollsBack() {
        TransactionSynchronizationManager.initSynchronization();
        metrics.published(new ShipmentEvent.Delivered(SHIPMENT, ORDER));
        assertThat(count("bazaar.shipments.delivered")).isZero();
        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
        TransactionSynchronizationManager.clearSynchronization();

        TransactionSynchronizationManager.initSynchronization();
        metrics.published(new ShipmentEvent.Delivered(UUID.randomUUID(), UUID.randomUUID()));
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(synchronization -> synchronization.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

        assertThat(count("bazaar.shipments.delivered")).isEqualTo(1);
    }
}
