package dev.bazaar.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@link Audit} found when it checked the books across the services: every broken rule,
 * and how much it looked at. A platform in order has no {@linkplain #violations() violation}.
 *
 * @param checkedAt            when the audit began; deadlines are compared with this instant
 * @param violations           each broken rule, one per order, SKU, dead letter or unreachable service
 * @param ordersByStatus       the orders checked, counted by status
 * @param payments             the payments read from payment
 * @param reservations         the reservations read from inventory
 * @param skus                 the SKUs whose stock was checked
 * @param skusComparedWithOrders of those, the SKUs whose committed units were also compared with ordering's
 *                             orders; the others had an order in flight
 * @param deadLetters          the dead letters of each service reached
 * @param newDeadLetters       of those, the ones nobody has redriven or discarded yet
 * @param unreachable          the services that could not be read; the rules needing them were not checked
 */
public record AuditReport(Instant checkedAt, List<Violation> violations, Map<String, Integer> ordersByStatus,
                          int payments, int reservations, int skus, int skusComparedWithOrders,
                          Map<String, Integer> deadLetters, int newDeadLetters, List<String> unreachable) {

    public AuditReport {
        violations = List.copyOf(violations);
        ordersByStatus = Collections.unmodifiableMap(new LinkedHashMap<>(ordersByStatus));
        deadLetters = Collections.unmodifiableMap(new LinkedHashMap<>(deadLetters));
        unreachable = List.copyOf(unreachable);
    }

    /** Whether every rule holds and every service was reached. */
    public boolean clean() {
        return violations.isEmpty();
    }

    /** How many orders were checked. */
    public int orders() {
        return ordersByStatus.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many dead letters the services reached hold, whatever their status. */
    public int totalDeadLetters() {
        return deadLetters.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * One broken rule.
     *
     * @param rule    which rule
     * @param subject what breaks it: {@code order 3f2…}, {@code SKU BOOK-001}, {@code ordering dead letter 7},
     *                {@code payment}
     * @param detail  how, with the figures
     */
    public record Violation(Rule rule, String subject, String detail) {

        /** {@code subject: detail}, the line the {@code bazaar audit} command prints. */
        @Override
        public String toString() {
            return subject + ": " + detail;
        }
    }

    /** The rules of the audit; docs/launcher.md explains each. */
    public enum Rule {
        /** A service did not answer its /admin API; what needs its data went unchecked. */
        SERVICE_REACHABLE,
        /** An order is terminal, or still in progress before its deadline. */
        ORDER_SETTLES_BY_DEADLINE,
        /** An order has at most one payment: a second one could charge the card twice. */
        ONE_PAYMENT_PER_ORDER,
        /** A delivered order was captured exactly once, never refunded. */
        DELIVERED_ORDER_PAID_ONCE,
        /** A delivered order's stock was committed. */
        DELIVERED_ORDER_STOCK_COMMITTED,
        /** A cancelled order keeps no money: never captured, or refunded as often as captured. */
        CANCELLED_ORDER_KEEPS_NO_MONEY,
        /** A cancelled order holds no stock: its reservation is released or restocked. */
        CANCELLED_ORDER_KEEPS_NO_STOCK,
        /** A rejected order was never captured and holds no stock. */
        REJECTED_ORDER_KEEPS_NOTHING,
        /** A terminal order leaves no charge pending at payment. */
        TERMINAL_ORDER_LEAVES_NO_PENDING_CHARGE,
        /** onHand == initial + received − committed, and available == onHand − reserved. */
        STOCK_BALANCES,
        /** available, reserved and onHand are never negative. */
        STOCK_NOT_NEGATIVE,
        /** committed equals the units of COMMITTED reservations, reserved those of HELD ones. */
        STOCK_MATCHES_RESERVATIONS,
        /** committed equals the units of delivered orders, once no order for the SKU is in flight. */
        STOCK_MATCHES_ORDERS,
        /** No dead letter waits with status NEW. */
        NO_NEW_DEAD_LETTER
    }
}
