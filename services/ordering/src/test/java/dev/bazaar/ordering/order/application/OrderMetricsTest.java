package dev.bazaar.ordering.order.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.ordering.order.CardReference;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderLine;
import dev.bazaar.ordering.order.Sku;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OrderMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final CardReference CARD = new CardReference("4242", "k-1");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OrderMetrics metrics = new OrderMetrics(registry,
            new OrderingProperties(Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMinutes(5)));

    @AfterEach
    void noTransactionLeftOpen() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private static Order placed() {
        Order order = Order.create(OrderId.random());
        order.place(new CustomerId(UUID.randomUUID()), List.of(new OrderLine(new Sku("BOOK-001"), "A Book", 2, Money.of("39.90", "EUR"))),
                CARD, T0);
        return order;
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private Timer completion(String outcome) {
        return registry.get("bazaar.orders.completion").tag("outcome", outcome).timer();
    }

    @Test
    void everySeriesExistsAtZeroBeforeTheFirstOrder() {
        assertThat(count("bazaar.orders.placed")).isZero();
        assertThat(count("bazaar.orders.confirmed")).isZero();
        assertThat(count("bazaar.orders.rejected", "reason", "out_of_stock")).isZero();
        assertThat(Arrays.stream(OrderMetrics.CancellationReason.values()).map(reason -> count("bazaar.orders.cancelled", "reason", reason.tag())))
                .hasSize(6).containsOnly(0.0);
        assertThat(count("bazaar.orders.delivered")).isZero();
        assertThat(List.of("delivered", "rejected", "cancelled")).allSatisfy(outcome -> assertThat(completion(outcome).count()).isZero());
    }

    @Test
    void aDeliveredOrderCountsItsTotalAsRevenueAndHowLongItTookAsItsEventsSay() {
        Order order = placed();
        order.confirm(T0.plusSeconds(1));
        order.markShipped(T0.plusSeconds(2));
        OrderEvent.Delivered delivered = order.markDelivered(T0.plusMillis(4_500));

        metrics.delivered(order, delivered);

        assertThat(count("bazaar.orders.delivered")).isEqualTo(1);
        assertThat(count("bazaar.revenue", "currency", "EUR")).isCloseTo(79.80, within(1e-9));
        Timer took = completion("delivered");
        assertThat(took.count()).isEqualTo(1);
        assertThat(took.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4_500);
        assertThat(completion("cancelled").count()).isZero();
    }

    @Test
    void theCompletionHistogramHasTheAgreedBucketsAndTheSagaDeadline() {
        Order order = placed();
        metrics.rejected(order, order.reject("insufficient stock: BOOK-001", T0.plusMillis(4_500)));

        CountAtBucket[] buckets = completion("rejected").takeSnapshot().histogramCounts();

        assertThat(Arrays.stream(buckets).map(bucket -> Duration.ofNanos((long) bucket.bucket())))
                .contains(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300),
                        Duration.ofMinutes(10));
        assertThat(Arrays.stream(buckets).filter(bucket -> bucket.bucket() == Duration.ofSeconds(2).toNanos()).findFirst().orElseThrow().count())
                .isZero();
        assertThat(Arrays.stream(buckets).filter(bucket -> bucket.bucket() == Duration.ofSeconds(5).toNanos()).findFirst().orElseThrow().count())
                .isEqualTo(1);
    }

    @Test
    void aCancellationIsCountedUnderItsReasonAndEndsTheOrder() {
        Order order = placed();
        OrderEvent.Cancelled cancelled = order.cancel(OrderSaga.PAYMENT_DECLINED, T0.plusSeconds(3));

        metrics.cancelled(order, cancelled, OrderMetrics.CancellationReason.DECLINED);

        assertThat(count("bazaar.orders.cancelled", "reason", "declined")).isEqualTo(1);
        assertThat(count("bazaar.orders.cancelled", "reason", "shipment_failed")).isZero();
        assertThat(completion("cancelled").count()).isEqualTo(1);
        assertThat(completion("cancelled").totalTime(TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void nothingIsCountedBeforeTheTransactionCommits() {
        Order order = placed();
        OrderEvent.Confirmed confirmed = order.confirm(T0.plusSeconds(1));
        TransactionSynchronizationManager.initSynchronization();

        metrics.confirmed(order, confirmed);
        assertThat(count("bazaar.orders.confirmed")).isZero();
        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);

        assertThat(count("bazaar.orders.confirmed")).isEqualTo(1);
    }

    @Test
    void nothingIsCountedWhenTheTransactionRollsBack() {
        Order order = placed();
        OrderEvent.Cancelled cancelled = order.cancel("carrier does not deliver to AQ", T0.plusSeconds(9));
        TransactionSynchronizationManager.initSynchronization();

        metrics.cancelled(order, cancelled, OrderMetrics.CancellationReason.SHIPMENT_FAILED);
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(synchronization -> synchronization.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

        assertThat(count("bazaar.orders.cancelled", "reason", "shipment_failed")).isZero();
        assertThat(completion("cancelled").count()).isZero();
    }

    @Test
    void anEventNotAppliedToTheOrderIsRefused() {
        Order order = placed();
        Order other = placed();
        OrderEvent.Confirmed confirmedOther = other.confirm(T0.plusSeconds(1));

        assertThatThrownBy(() -> metrics.confirmed(order, confirmedOther)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.confirmed(order, new OrderEvent.Confirmed(order.id(), T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(count("bazaar.orders.confirmed")).isZero();
    }

    @Test
    void aClockSteppedBackRecordsNoNegativeTime() {
        Order order = placed();

        assertThat(OrderMetrics.tookToEnd(order, order.reject("insufficient stock: BOOK-001", T0.minusSeconds(1))))
                .isEqualTo(Duration.ZERO);
    }
}
