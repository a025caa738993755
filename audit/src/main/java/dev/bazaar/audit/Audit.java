package dev.bazaar.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.bazaar.audit.AuditReport.Rule;
import dev.bazaar.audit.AuditReport.Violation;

/**
 * The rules of the books, checked on what the services' /admin APIs returned: pure, no I/O, so that each rule
 * is tested on its own ({@code AuditTest}). The launcher's {@code AdminApi} reads the books and feeds them in;
 * {@code Platform.audit()} asks for the {@link #report()}.
 *
 * <p>The books are fed in by ranges of order ids ({@link #check}): a page of ordering's orders, then the payments and
 * reservations of the same range, so that a platform of any size is checked holding one range at a time; what the
 * stock rules need of every order and reservation is kept per SKU. Ordering is read first: what the other services
 * do follows from ordering's events, so a later read of them is, if anything, further along. A saga still under way
 * can nevertheless look unbalanced for a moment (a cancellation whose refund is not processed yet); the audit is
 * meant for a platform at rest, or to be repeated until it is clean ({@code Platform.audit(Duration)}): a violation
 * that stays is real.
 */
public final class Audit {

    static final Set<String> TERMINAL = Set.of("DELIVERED", "REJECTED", "CANCELLED");
    /** Order statuses in the order of the saga, for the summary; unknown ones follow, sorted. */
    static final List<String> ORDER_STATUSES = List.of("PENDING", "CONFIRMED", "SHIPPED", "CANCELLING", "DELIVERED", "REJECTED",
            "CANCELLED");

    private final Instant now;
    private final Map<String, String> unreachable = new TreeMap<>();
    private final List<Violation> orderViolations = new ArrayList<>();
    private final Map<String, Integer> ordersByStatus = new TreeMap<>();
    private final Map<String, SkuTally> skus = new HashMap<>();
    private int payments;
    private int reservations;
    private List<Stock> stock = List.of();
    private final Map<String, Integer> deadLetters = new LinkedHashMap<>();
    private final List<Violation> deadLetterViolations = new ArrayList<>();
    private int newDeadLetters;

    /** @param now when the books are read; deadlines are compared with it */
    public Audit(Instant now) {
        this.now = now;
    }

    /** An order as ordering's {@code GET /admin/orders} lists it; {@code deadline} is null for terminal ones. */
    public record Order(String orderId, String status, List<Line> lines, Instant placedAt, Instant deadline) {
        public Order {
            lines = List.copyOf(lines);
        }

        boolean terminal() {
            return TERMINAL.contains(status);
        }
    }

    public record Line(String sku, int quantity) {
    }

    /** A payment as payment's {@code GET /admin/payments} lists it: captures and refunds the processor made. */
    public record Payment(String orderId, String paymentId, String status, int captures, int refunds) {
    }

    /** A reservation as inventory's {@code GET /admin/reservations} lists it. */
    public record Reservation(String orderId, String status, List<Line> lines) {
        public Reservation {
            lines = List.copyOf(lines);
        }
    }

    /** The stock of a SKU as inventory's {@code GET /admin/stock} lists it. */
    public record Stock(String sku, int onHand, int reserved, int available, int initial, int received, int committed) {
    }

    /**
     * A service could not be read, for this reason: that is a violation, and from now on the rules that need its
     * data are not checked (those needing all of it, such as the stock rules, not at all). The first reason stays.
     */
    public void unreachable(String service, String reason) {
        unreachable.putIfAbsent(service, reason);
    }

    /** Whether the service has been read without fail so far. */
    public boolean reached(String service) {
        return !unreachable.containsKey(service);
    }

    /**
     * One range of the books: ordering's orders whose ids are in a range, and the payments and reservations whose
     * order ids are in the same range, read after the orders. A payment or reservation of no order here (its order
     * is unknown to ordering, or ordering was not read) is counted, and a reservation's units go into its SKUs' sums.
     * The payments or reservations of a service marked {@link #unreachable} are not checked.
     */
    public void check(List<Order> orders, List<Payment> payments, List<Reservation> reservations) {
        boolean payment = reached("payment");
        boolean inventory = reached("inventory");
        this.payments += payments.size();
        this.reservations += reservations.size();
        Map<String, List<Payment>> paymentsByOrder = new HashMap<>();
        payments.forEach(p -> paymentsByOrder.computeIfAbsent(p.orderId(), id -> new ArrayList<>()).add(p));
        Map<String, List<Reservation>> reservationsByOrder = new HashMap<>();
        for (Reservation reservation : reservations) {
            reservationsByOrder.computeIfAbsent(reservation.orderId(), id -> new ArrayList<>()).add(reservation);
            for (Line line : reservation.lines()) {
                skus.computeIfAbsent(line.sku(), sku -> new SkuTally()).reserved(reservation.status(), line.quantity());
            }
        }
        for (Order order : orders) {
            ordersByStatus.merge(order.status(), 1, Integer::sum);
            for (Line line : order.lines()) {
                skus.computeIfAbsent(line.sku(), sku -> new SkuTally()).ordered(order, line.quantity());
            }
            checkDeadline(order, now, orderViolations);
            if (payment) {
                List<Payment> paid = paymentsByOrder.getOrDefault(order.orderId(), List.of());
                if (paid.size() > 1) {
                    orderViolations.add(new Violation(Rule.ONE_PAYMENT_PER_ORDER, subject(order),
                            paid.size() + " payments: " + describePayments(paid)));
                }
                checkMoney(order, paid, orderViolations);
            }
            if (inventory) {
                checkReservedStock(order, reservationsByOrder.getOrDefault(order.orderId(), List.of()), orderViolations);
            }
        }
    }

    /** Inventory's stock of every SKU, read after its reservations. */
    public void stock(List<Stock> stock) {
        this.stock = List.copyOf(stock);
    }

    /** Every dead letter of a service that was read. */
    public void deadLetters(String service, List<DeadLetter> letters) {
        deadLetters.merge(service, letters.size(), Integer::sum);
        for (DeadLetter letter : letters) {
            if (letter.isNew()) {
                newDeadLetters++;
                deadLetterViolations.add(new Violation(Rule.NO_NEW_DEAD_LETTER, letter.service() + " dead letter " + letter.id(),
                        "NEW, " + describe(letter) + " ('./bazaar dlq " + letter.service() + " redrive|discard " + letter.id() + "')"));
            }
        }
    }

    /** What was found: the unreachable services first, then the orders, the stock and the dead letters. */
    public AuditReport report() {
        List<Violation> violations = new ArrayList<>();
        unreachable.forEach((service, reason) -> violations.add(new Violation(Rule.SERVICE_REACHABLE,
                service, "unreachable (" + reason + "); " + unchecked(service))));
        violations.addAll(orderViolations);
        int compared = 0;
        // The sums of every order and reservation are whole only if ordering and inventory were read to the end.
        boolean ordering = reached("ordering");
        boolean inventory = reached("inventory");
        for (Stock line : sorted(stock, Comparator.comparing(Stock::sku))) {
            checkBalance(line, violations);
            SkuTally tally = skus.getOrDefault(line.sku(), new SkuTally());
            if (inventory) {
                checkAgainstReservations(line, tally, violations);
            }
            if (ordering && checkAgainstOrders(line, tally, violations)) {
                compared++;
            }
        }
        violations.addAll(deadLetterViolations);
        return new AuditReport(now, violations, inSagaOrder(ordersByStatus), payments, reservations, stock.size(), compared,
                deadLetters, newDeadLetters, List.copyOf(unreachable.keySet()));
    }

    /** What the stock rules need of every order and reservation, for one SKU. */
    private static final class SkuTally {
        private int committed;
        private int held;
        private int delivered;
        private boolean inFlight;

        void reserved(String status, int quantity) {
            if ("COMMITTED".equals(status)) {
                committed += quantity;
            } else if ("HELD".equals(status)) {
                held += quantity;
            }
        }

        void ordered(Order order, int quantity) {
            inFlight |= !order.terminal();
            if ("DELIVERED".equals(order.status())) {
                delivered += quantity;
            }
        }
    }

    private static String unchecked(String service) {
        return switch (service) {
            case "ordering" -> "orders and ordering's dead letters not checked";
            case "payment" -> "payments and payment's dead letters not checked";
            case "inventory" -> "stock, reservations and inventory's dead letters not checked";
            default -> "its dead letters not checked";
        };
    }

    /** Terminal, or in progress with time left: the sweeper cancels what is not done by its deadline. */
    private static void checkDeadline(Order order, Instant now, List<Violation> violations) {
        if (order.terminal()) {
            return;
        }
        if (order.deadline() == null) {
            violations.add(new Violation(Rule.ORDER_SETTLES_BY_DEADLINE, subject(order),
                    "in progress without a deadline (placed " + order.placedAt() + ")"));
        } else if (!now.isBefore(order.deadline())) {
            violations.add(new Violation(Rule.ORDER_SETTLES_BY_DEADLINE, subject(order),
                    "still in progress at " + now + ", past its deadline " + order.deadline() + " (placed " + order.placedAt() + ")"));
        }
    }

    private static void checkMoney(Order order, List<Payment> payments, List<Violation> violations) {
        int captures = payments.stream().mapToInt(Payment::captures).sum();
        int refunds = payments.stream().mapToInt(Payment::refunds).sum();
        switch (order.status()) {
            case "DELIVERED":
                if (payments.stream().noneMatch(p -> "CAPTURED".equals(p.status())) || captures != 1 || refunds != 0) {
                    violations.add(new Violation(Rule.DELIVERED_ORDER_PAID_ONCE, subject(order),
                            "payment " + describePayments(payments) + "; expected CAPTURED with one capture and no refund"));
                }
                return;
            case "CANCELLED":
                if (!keepsNoMoney(payments)) {
                    violations.add(new Violation(Rule.CANCELLED_ORDER_KEEPS_NO_MONEY, subject(order),
                            "payment " + describePayments(payments)
                                    + "; expected none, or DECLINED, VOIDED or REFUNDED with every capture refunded"));
                }
                break;
            case "REJECTED":
                if (captures != 0 || payments.stream().anyMatch(p -> "CAPTURED".equals(p.status()))) {
                    violations.add(new Violation(Rule.REJECTED_ORDER_KEEPS_NOTHING, subject(order),
                            "payment " + describePayments(payments) + "; a rejected order is never captured"));
                }
                break;
            default:
                return;
        }
        // Checked apart: a pending charge keeps the card's ciphertext and could still be captured later.
        payments.stream().filter(p -> "PENDING".equals(p.status())).findFirst().ifPresent(p ->
                violations.add(new Violation(Rule.TERMINAL_ORDER_LEAVES_NO_PENDING_CHARGE, subject(order),
                        "payment " + p.paymentId() + " is still PENDING")));
    }

    private static boolean keepsNoMoney(List<Payment> payments) {
        for (Payment p : payments) {
            // Payment counts a void that reversed a capture (a processor timeout that did go through) as a
            // refund, so a DECLINED or VOIDED payment keeps no money when its captures are all reversed too.
            // PENDING is reported by TERMINAL_ORDER_LEAVES_NO_PENDING_CHARGE, unless money was also taken.
            boolean closed = List.of("DECLINED", "VOIDED", "REFUNDED", "PENDING").contains(p.status());
            if (!closed || p.captures() != p.refunds()) {
                return false;
            }
        }
        return true;
    }

    private static void checkReservedStock(Order order, List<Reservation> reservations, List<Violation> violations) {
        switch (order.status()) {
            case "DELIVERED":
                if (reservations.stream().noneMatch(r -> "COMMITTED".equals(r.status()))) {
                    violations.add(new Violation(Rule.DELIVERED_ORDER_STOCK_COMMITTED, subject(order),
                            "reservation " + describeReservations(reservations) + "; expected COMMITTED"));
                }
                break;
            case "CANCELLED":
                if (reservations.stream().anyMatch(r -> !"RELEASED".equals(r.status()) && !"RESTOCKED".equals(r.status()))) {
                    violations.add(new Violation(Rule.CANCELLED_ORDER_KEEPS_NO_STOCK, subject(order),
                            "reservation " + describeReservations(reservations) + "; expected none, RELEASED or RESTOCKED"));
                }
                break;
            case "REJECTED":
                if (reservations.stream().anyMatch(r -> "HELD".equals(r.status()) || "COMMITTED".equals(r.status()))) {
                    violations.add(new Violation(Rule.REJECTED_ORDER_KEEPS_NOTHING, subject(order),
                            "reservation " + describeReservations(reservations) + "; a rejected order holds no stock"));
                }
                break;
            default:
                break;
        }
    }

    private static void checkBalance(Stock stock, List<Violation> violations) {
        String subject = "SKU " + stock.sku();
        if ((long) stock.onHand() != (long) stock.initial() + stock.received() - stock.committed()) {
            violations.add(new Violation(Rule.STOCK_BALANCES, subject, "onHand " + stock.onHand() + " != initial "
                    + stock.initial() + " + received " + stock.received() + " - committed " + stock.committed()));
        }
        if ((long) stock.available() != (long) stock.onHand() - stock.reserved()) {
            violations.add(new Violation(Rule.STOCK_BALANCES, subject, "available " + stock.available() + " != onHand "
                    + stock.onHand() + " - reserved " + stock.reserved()));
        }
        List<String> negative = new ArrayList<>();
        if (stock.onHand() < 0) {
            negative.add("onHand " + stock.onHand());
        }
        if (stock.reserved() < 0) {
            negative.add("reserved " + stock.reserved());
        }
        if (stock.available() < 0) {
            negative.add("available " + stock.available());
        }
        if (!negative.isEmpty()) {
            violations.add(new Violation(Rule.STOCK_NOT_NEGATIVE, subject, String.join(", ", negative) + " (oversold)"));
        }
    }

    /** Inventory against itself: its counters are the sums of its reservations. */
    private static void checkAgainstReservations(Stock stock, SkuTally reserved, List<Violation> violations) {
        if (stock.committed() != reserved.committed) {
            violations.add(new Violation(Rule.STOCK_MATCHES_RESERVATIONS, "SKU " + stock.sku(), "committed " + stock.committed()
                    + " != " + reserved.committed + " units in COMMITTED reservations"));
        }
        if (stock.reserved() != reserved.held) {
            violations.add(new Violation(Rule.STOCK_MATCHES_RESERVATIONS, "SKU " + stock.sku(), "reserved " + stock.reserved()
                    + " != " + reserved.held + " units in HELD reservations"));
        }
    }

    /**
     * Inventory against ordering: the units committed for a SKU are those of its delivered orders. Orders
     * CONFIRMED or SHIPPED are committed too, but they are in flight, and so are PENDING ones that may be
     * confirmed, and a CANCELLED order's restock may still be on its way; the two services are read at
     * different moments. So a SKU is compared only when every order for it is terminal — then the sum is
     * exact — and skipped otherwise (an order stuck in flight is reported by the deadline rule, and once
     * the platform is at rest every SKU is compared). Returns whether it was compared.
     */
    private static boolean checkAgainstOrders(Stock stock, SkuTally ordered, List<Violation> violations) {
        if (ordered.inFlight) {
            return false;
        }
        if (stock.committed() != ordered.delivered) {
            violations.add(new Violation(Rule.STOCK_MATCHES_ORDERS, "SKU " + stock.sku(), "committed " + stock.committed()
                    + " != " + ordered.delivered + " units in DELIVERED orders (no order for it in flight)"));
        }
        return true;
    }

    private static Map<String, Integer> inSagaOrder(Map<String, Integer> found) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        ORDER_STATUSES.stream().filter(found::containsKey).forEach(status -> counts.put(status, found.get(status)));
        counts.putAll(found);
        return counts;
    }

    private static String subject(Order order) {
        return "order " + order.orderId() + " " + order.status();
    }

    private static String describePayments(List<Payment> payments) {
        return payments.isEmpty() ? "none" : payments.stream()
                .map(p -> p.status() + " (captures " + p.captures() + ", refunds " + p.refunds() + ")").collect(Collectors.joining(", "));
    }

    private static String describeReservations(List<Reservation> reservations) {
        return reservations.isEmpty() ? "none" : reservations.stream().map(Reservation::status).collect(Collectors.joining(", "));
    }

    private static String describe(DeadLetter letter) {
        String type = Objects.requireNonNullElse(letter.eventType(), "record without type");
        return type + (letter.eventId() == null ? "" : " " + letter.eventId()) + " from " + letter.origin()
                + (letter.deadAt() == null ? "" : " at " + letter.deadAt())
                + (letter.error() == null ? "" : ": " + oneLine(letter.error(), 160));
    }

    /** Text on one line, whitespace collapsed, cut to {@code max} characters with an ellipsis. */
    public static String oneLine(String text, int max) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return copy;
    }
}
