package dev.bazaar.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.bazaar.audit.Audit.Line;
import dev.bazaar.audit.Audit.Order;
import dev.bazaar.audit.Audit.Payment;
import dev.bazaar.audit.Audit.Reservation;
import dev.bazaar.audit.Audit.Stock;
import dev.bazaar.audit.AuditReport.Rule;
import dev.bazaar.audit.AuditReport.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTest {

    private static final List<String> SERVICES = List.of("catalog", "customer", "inventory", "ordering", "payment", "fulfillment");

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant PLACED = NOW.minus(Duration.ofMinutes(2));

    /** A small platform at rest whose books balance; each test breaks one thing. */
    private static Books books() {
        return new Books()
                .order(order("o-delivered", "DELIVERED", "BOOK-001", 2))
                .payment(new Payment("o-delivered", "p-delivered", "CAPTURED", 1, 0))
                .reservation(new Reservation("o-delivered", "COMMITTED", List.of(new Line("BOOK-001", 2))))
                .order(order("o-refunded", "CANCELLED", "BOOK-001", 1))
                .payment(new Payment("o-refunded", "p-refunded", "REFUNDED", 1, 1))
                .reservation(new Reservation("o-refunded", "RESTOCKED", List.of(new Line("BOOK-001", 1))))
                .order(order("o-declined", "CANCELLED", "TECH-001", 1))
                .payment(new Payment("o-declined", "p-declined", "DECLINED", 0, 0))
                .reservation(new Reservation("o-declined", "RELEASED", List.of(new Line("TECH-001", 1))))
                .order(order("o-rejected", "REJECTED", "TECH-001", 99))
                .payment(new Payment("o-rejected", "p-rejected", "VOIDED", 0, 0))
                .stock(new Stock("BOOK-001", 98, 0, 98, 100, 0, 2))
                .stock(new Stock("TECH-001", 10, 0, 10, 10, 0, 0));
    }

    @Test
    void booksThatBalanceHaveNoViolationAndAreCounted() {
        AuditReport report = books().audit();

        assertThat(report.violations()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.ordersByStatus()).containsExactly(Map.entry("DELIVERED", 1), Map.entry("REJECTED", 1),
                Map.entry("CANCELLED", 2));
        assertThat(report.orders()).isEqualTo(4);
        assertThat(report.payments()).isEqualTo(4);
        assertThat(report.reservations()).isEqualTo(3);
        assertThat(report.skus()).isEqualTo(2);
        assertThat(report.skusComparedWithOrders()).isEqualTo(2);
        assertThat(report.deadLetters()).containsOnlyKeys(SERVICES).allSatisfy((service, count) -> assertThat(count).isZero());
        assertThat(report.checkedAt()).isEqualTo(NOW);
    }

    @Test
    void anOrderInProgressBeforeItsDeadlineIsFine() {
        AuditReport report = books().order(new Order("o-new", "PENDING", List.of(new Line("GARD-001", 1)), PLACED, NOW.plusSeconds(1)))
                .audit();

        assertThat(report.violations()).isEmpty();
        assertThat(report.ordersByStatus()).containsEntry("PENDING", 1);
    }

    @Test
    void anOrderStillInProgressAtItsDeadlineIsAViolation() {
        AuditReport report = books().order(new Order("o-stuck", "SHIPPED", List.of(new Line("GARD-001", 1)), PLACED, NOW)).audit();

        assertThat(only(report)).satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(Rule.ORDER_SETTLES_BY_DEADLINE);
            assertThat(violation.subject()).isEqualTo("order o-stuck SHIPPED");
            assertThat(violation.detail()).contains("past its deadline " + NOW);
        });
    }

    @Test
    void anOrderInProgressWithoutADeadlineIsAViolation() {
        AuditReport report = books().order(new Order("o-open", "CONFIRMED", List.of(), PLACED, null)).audit();

        assertThat(only(report).rule()).isEqualTo(Rule.ORDER_SETTLES_BY_DEADLINE);
    }

    @Test
    void aDeliveredOrderIsCapturedExactlyOnce() {
        assertThat(rules(books().replacePayment(new Payment("o-delivered", "p-delivered", "CAPTURED", 2, 0)).audit()))
                .containsExactly(Rule.DELIVERED_ORDER_PAID_ONCE);
    }

    @Test
    void aDeliveredOrderIsNeverRefunded() {
        AuditReport report = books().replacePayment(new Payment("o-delivered", "p-delivered", "REFUNDED", 1, 1)).audit();

        assertThat(only(report).rule()).isEqualTo(Rule.DELIVERED_ORDER_PAID_ONCE);
        assertThat(only(report).detail()).contains("REFUNDED (captures 1, refunds 1)");
    }

    @Test
    void aDeliveredOrderWithoutPaymentIsAViolation() {
        assertThat(rules(books().withoutPayment("o-delivered").audit())).containsExactly(Rule.DELIVERED_ORDER_PAID_ONCE);
    }

    @Test
    void aDeliveredOrderHasItsStockCommitted() {
        AuditReport report = books().replaceReservation(new Reservation("o-delivered", "HELD", List.of(new Line("BOOK-001", 2))))
                .stock(new Stock("BOOK-001", 100, 2, 98, 100, 0, 0))
                .audit();

        assertThat(rules(report)).contains(Rule.DELIVERED_ORDER_STOCK_COMMITTED);
        assertThat(report.violations()).filteredOn(v -> v.rule() == Rule.DELIVERED_ORDER_STOCK_COMMITTED)
                .singleElement().satisfies(v -> assertThat(v.detail()).contains("HELD"));
    }

    @Test
    void aCancelledOrderKeepsNoMoney() {
        assertThat(rules(books().replacePayment(new Payment("o-refunded", "p-refunded", "CAPTURED", 1, 0)).audit()))
                .containsExactly(Rule.CANCELLED_ORDER_KEEPS_NO_MONEY);
        assertThat(rules(books().replacePayment(new Payment("o-refunded", "p-refunded", "REFUNDED", 2, 1)).audit()))
                .containsExactly(Rule.CANCELLED_ORDER_KEEPS_NO_MONEY);
        assertThat(rules(books().replacePayment(new Payment("o-declined", "p-declined", "VOIDED", 1, 0)).audit()))
                .containsExactly(Rule.CANCELLED_ORDER_KEEPS_NO_MONEY);
    }

    @Test
    void aCancelledOrderMayHaveNoPaymentOrAVoidedOne() {
        assertThat(books().withoutPayment("o-declined").audit().violations()).isEmpty();
        assertThat(books().replacePayment(new Payment("o-declined", "p-declined", "VOIDED", 0, 0)).audit().violations()).isEmpty();
    }

    @Test
    void aVoidThatReversedACaptureKeepsNoMoney() {
        assertThat(books().replacePayment(new Payment("o-declined", "p-declined", "VOIDED", 1, 1)).audit().violations()).isEmpty();
    }

    @Test
    void aTerminalOrderLeavesNoChargePending() {
        AuditReport report = books().replacePayment(new Payment("o-declined", "p-declined", "PENDING", 0, 0)).audit();

        assertThat(only(report).rule()).isEqualTo(Rule.TERMINAL_ORDER_LEAVES_NO_PENDING_CHARGE);
        assertThat(only(report).detail()).contains("p-declined");
    }

    @Test
    void aCancelledOrderKeepsNoStock() {
        AuditReport report = books().replaceReservation(new Reservation("o-declined", "HELD", List.of(new Line("TECH-001", 1))))
                .stock(new Stock("TECH-001", 10, 1, 9, 10, 0, 0))
                .audit();

        assertThat(rules(report)).containsExactly(Rule.CANCELLED_ORDER_KEEPS_NO_STOCK);
    }

    @Test
    void aRejectedOrderIsNeverCaptured() {
        AuditReport report = books().replacePayment(new Payment("o-rejected", "p-rejected", "REFUNDED", 1, 1)).audit();

        assertThat(only(report).rule()).isEqualTo(Rule.REJECTED_ORDER_KEEPS_NOTHING);
        assertThat(only(report).subject()).isEqualTo("order o-rejected REJECTED");
    }

    @Test
    void aRejectedOrderHoldsNoStock() {
        AuditReport report = books().reservation(new Reservation("o-rejected", "HELD", List.of(new Line("TECH-001", 99))))
                .stock(new Stock("TECH-001", 99, 99, 0, 10, 89, 0))
                .audit();

        assertThat(rules(report)).containsExactly(Rule.REJECTED_ORDER_KEEPS_NOTHING);
    }

    @Test
    void anOrderHasOnePayment() {
        AuditReport report = books().payment(new Payment("o-declined", "p-again", "VOIDED", 0, 0)).audit();

        assertThat(only(report).rule()).isEqualTo(Rule.ONE_PAYMENT_PER_ORDER);
        assertThat(only(report).detail()).startsWith("2 payments");
    }

    @Test
    void onHandIsInitialPlusReceivedMinusCommitted() {
        AuditReport report = books().stock(new Stock("TECH-001", 12, 0, 12, 10, 0, 0)).audit();

        assertThat(only(report).rule()).isEqualTo(Rule.STOCK_BALANCES);
        assertThat(only(report).toString()).isEqualTo("SKU TECH-001: onHand 12 != initial 10 + received 0 - committed 0");
    }

    @Test
    void availableIsOnHandMinusReserved() {
        assertThat(rules(books().stock(new Stock("TECH-001", 10, 0, 7, 10, 0, 0)).audit())).containsExactly(Rule.STOCK_BALANCES);
    }

    @Test
    void stockIsNeverNegative() {
        AuditReport report = books().reservation(new Reservation("o-oversold", "HELD", List.of(new Line("TECH-001", 12))))
                .stock(new Stock("TECH-001", 10, 12, -2, 10, 0, 0))
                .audit();

        assertThat(only(report).rule()).isEqualTo(Rule.STOCK_NOT_NEGATIVE);
        assertThat(only(report).detail()).contains("available -2");
    }

    @Test
    void committedStockIsTheSumOfCommittedReservations() {
        AuditReport report = books().withoutReservation("o-delivered").audit();

        assertThat(rules(report)).contains(Rule.STOCK_MATCHES_RESERVATIONS, Rule.DELIVERED_ORDER_STOCK_COMMITTED);
        assertThat(report.violations()).filteredOn(v -> v.rule() == Rule.STOCK_MATCHES_RESERVATIONS).singleElement()
                .hasToString("SKU BOOK-001: committed 2 != 0 units in COMMITTED reservations");
    }

    @Test
    void reservedStockIsTheSumOfHeldReservations() {
        AuditReport report = books().stock(new Stock("TECH-001", 10, 3, 7, 10, 0, 0)).audit();

        assertThat(only(report)).hasToString("SKU TECH-001: reserved 3 != 0 units in HELD reservations");
    }

    @Test
    void committedStockIsTheSumOfDeliveredOrdersOnceNothingIsInFlight() {
        AuditReport report = books().order(order("o-ghost", "CANCELLED", "TECH-001", 4))
                .reservation(new Reservation("o-ghost", "RELEASED", List.of(new Line("TECH-001", 4))))
                .reservation(new Reservation("o-unknown", "COMMITTED", List.of(new Line("TECH-001", 4))))
                .stock(new Stock("TECH-001", 6, 0, 6, 10, 0, 4))
                .audit();

        assertThat(only(report)).satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(Rule.STOCK_MATCHES_ORDERS);
            assertThat(violation).hasToString("SKU TECH-001: committed 4 != 0 units in DELIVERED orders (no order for it in flight)");
        });
    }

    @Test
    void aSkuWithAnOrderInFlightIsNotComparedWithOrders() {
        AuditReport report = books().order(new Order("o-confirmed", "CONFIRMED", List.of(new Line("TECH-001", 4)), PLACED, NOW.plusSeconds(60)))
                .reservation(new Reservation("o-confirmed", "COMMITTED", List.of(new Line("TECH-001", 4))))
                .stock(new Stock("TECH-001", 6, 0, 6, 10, 0, 4))
                .audit();

        assertThat(report.violations()).isEmpty();
        assertThat(report.skusComparedWithOrders()).isEqualTo(1);
    }

    @Test
    void aNewDeadLetterIsAViolationAndHandledOnesAreNot() {
        AuditReport report = books().deadLetter(deadLetter("ordering", "7", "NEW"))
                .deadLetter(deadLetter("ordering", "8", "REDRIVEN"))
                .deadLetter(deadLetter("payment", "3", "DISCARDED"))
                .audit();

        assertThat(only(report)).satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(Rule.NO_NEW_DEAD_LETTER);
            assertThat(violation.subject()).isEqualTo("ordering dead letter 7");
            assertThat(violation.detail()).contains("OrderPlaced", "inventory.events[0]@42", "boom", "./bazaar dlq ordering redrive|discard 7");
        });
        assertThat(report.deadLetters()).containsEntry("ordering", 2).containsEntry("payment", 1).containsEntry("catalog", 0);
        assertThat(report.totalDeadLetters()).isEqualTo(3);
        assertThat(report.newDeadLetters()).isEqualTo(1);
    }

    @Test
    void anUnreachableServiceIsAViolationAndWhatNeedsItIsNotChecked() {
        AuditReport report = books().replacePayment(new Payment("o-delivered", "p-delivered", "REFUNDED", 1, 1))
                .unreachable("payment", "not running")
                .audit();

        assertThat(only(report)).satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(Rule.SERVICE_REACHABLE);
            assertThat(violation.toString()).startsWith("payment: unreachable (not running)");
        });
        assertThat(report.unreachable()).containsExactly("payment");
        assertThat(report.deadLetters()).doesNotContainKey("payment");
    }

    @Test
    void withoutOrderingNoOrderOrCrossCheckIsMade() {
        AuditReport report = books().unreachable("ordering", "answered 500").stock(new Stock("TECH-001", 6, 0, 6, 10, 0, 4))
                .reservation(new Reservation("o-x", "COMMITTED", List.of(new Line("TECH-001", 4))))
                .audit();

        assertThat(rules(report)).containsExactly(Rule.SERVICE_REACHABLE);
        assertThat(report.skusComparedWithOrders()).isZero();
    }

    @Test
    void booksCheckedRangeByRangeGiveTheSameReportAsAllAtOnce() {
        Books broken = books().replacePayment(new Payment("o-delivered", "p-delivered", "CAPTURED", 2, 0))
                .reservation(new Reservation("o-unknown", "COMMITTED", List.of(new Line("TECH-001", 4))))
                .payment(new Payment("o-unknown", "p-unknown", "CAPTURED", 1, 0))
                .order(new Order("o-open", "CONFIRMED", List.of(new Line("BOOK-001", 1)), PLACED, NOW.minusSeconds(1)))
                .stock(new Stock("TECH-001", 7, 0, 7, 10, 0, 3));
        AuditReport whole = broken.audit();

        AuditReport ranged = broken.audit(List.of(broken.orders.subList(0, 2), broken.orders.subList(2, 3), broken.orders.subList(3, 5)));

        assertThat(rules(whole)).containsExactlyInAnyOrder(Rule.DELIVERED_ORDER_PAID_ONCE, Rule.ORDER_SETTLES_BY_DEADLINE,
                Rule.STOCK_MATCHES_RESERVATIONS, Rule.STOCK_MATCHES_ORDERS);
        assertThat(ranged).isEqualTo(whole);
        assertThat(ranged.payments()).as("the payment of no order counted").isEqualTo(5);
        assertThat(ranged.reservations()).isEqualTo(4);
    }

    @Test
    void aServiceLostHalfwayKeepsWhatWasCheckedAndLeavesTheSumsItCouldNotFinish() {
        Audit audit = new Audit(NOW);
        audit.check(List.of(order("o-delivered", "DELIVERED", "BOOK-001", 2)),
                List.of(new Payment("o-delivered", "p-delivered", "CAPTURED", 2, 0)),
                List.of(new Reservation("o-delivered", "COMMITTED", List.of(new Line("BOOK-001", 2)))));
        audit.unreachable("inventory", "answered 500");
        audit.check(List.of(order("o-late", "DELIVERED", "BOOK-001", 1)),
                List.of(new Payment("o-late", "p-late", "CAPTURED", 1, 0)), List.of());

        AuditReport report = audit.report();

        assertThat(report.violations()).extracting(Violation::toString).containsExactly(
                "inventory: unreachable (answered 500); stock, reservations and inventory's dead letters not checked",
                "order o-delivered DELIVERED: payment CAPTURED (captures 2, refunds 0); expected CAPTURED with one capture and no refund");
        assertThat(report.orders()).isEqualTo(2);
    }

    private static Order order(String id, String status, String sku, int quantity) {
        return new Order(id, status, List.of(new Line(sku, quantity)), PLACED, null);
    }

    private static DeadLetter deadLetter(String service, String id, String status) {
        return new DeadLetter(service, id, "inventory.events", 0, 42, "o-1", "e-1", "OrderPlaced", "boom", PLACED, status);
    }

    private static Violation only(AuditReport report) {
        assertThat(report.violations()).hasSize(1);
        return report.violations().get(0);
    }

    private static List<Rule> rules(AuditReport report) {
        return report.violations().stream().map(Violation::rule).toList();
    }

    /** The books under test; {@code stock} replaces the SKU's line. */
    private static final class Books {
        private final List<Order> orders = new ArrayList<>();
        private final List<Payment> payments = new ArrayList<>();
        private final List<Reservation> reservations = new ArrayList<>();
        private final Map<String, Stock> stock = new LinkedHashMap<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();
        private final Map<String, String> unreachable = new LinkedHashMap<>();

        Books order(Order order) {
            orders.add(order);
            return this;
        }

        Books payment(Payment payment) {
            payments.add(payment);
            return this;
        }

        Books replacePayment(Payment payment) {
            return withoutPayment(payment.orderId()).payment(payment);
        }

        Books withoutPayment(String orderId) {
            payments.removeIf(p -> p.orderId().equals(orderId));
            return this;
        }

        Books reservation(Reservation reservation) {
            reservations.add(reservation);
            return this;
        }

        Books replaceReservation(Reservation reservation) {
            return withoutReservation(reservation.orderId()).reservation(reservation);
        }

        Books withoutReservation(String orderId) {
            reservations.removeIf(r -> r.orderId().equals(orderId));
            return this;
        }

        Books stock(Stock line) {
            stock.put(line.sku(), line);
            return this;
        }

        Books deadLetter(DeadLetter letter) {
            deadLetters.add(letter);
            return this;
        }

        Books unreachable(String service, String reason) {
            unreachable.put(service, reason);
            switch (service) {
                case "ordering" -> orders.clear();
                case "payment" -> payments.clear();
                case "inventory" -> {
                    reservations.clear();
                    stock.clear();
                }
                default -> { }
            }
            deadLetters.removeIf(letter -> letter.service().equals(service));
            return this;
        }

        /** All the books as one range, as the launcher reads a platform of less than a page. */
        AuditReport audit() {
            return audit(List.of(orders));
        }

        /** The books with the orders given in ranges, each with its payments and reservations; those of no order last. */
        AuditReport audit(List<List<Order>> ranges) {
            Audit audit = new Audit(NOW);
            unreachable.forEach(audit::unreachable);
            List<Payment> unpaired = new ArrayList<>(payments);
            List<Reservation> unreserved = new ArrayList<>(reservations);
            for (List<Order> range : ranges) {
                Set<String> ids = range.stream().map(Order::orderId).collect(Collectors.toSet());
                audit.check(range, take(unpaired, p -> ids.contains(p.orderId())), take(unreserved, r -> ids.contains(r.orderId())));
            }
            audit.check(List.of(), unpaired, unreserved);
            audit.stock(List.copyOf(stock.values()));
            SERVICES.stream().filter(audit::reached).forEach(service ->
                    audit.deadLetters(service, deadLetters.stream().filter(letter -> letter.service().equals(service)).toList()));
            return audit.report();
        }

        private static <T> List<T> take(List<T> items, Predicate<T> which) {
            List<T> taken = items.stream().filter(which).toList();
            items.removeAll(taken);
            return taken;
        }
    }
}
