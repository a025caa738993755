package dev.bazaar.ordering.order.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.ordering.order.CardEncryptionKey;
import dev.bazaar.ordering.order.CardNumber;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.EncryptedCard;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderLine;
import dev.bazaar.ordering.order.OrderStream;
import dev.bazaar.ordering.order.OrderSummary;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.replica.CatalogPrice;
import dev.bazaar.ordering.replica.CatalogPrices;
import dev.bazaar.ordering.replica.PaymentKeys;
import dev.bazaar.platform.ids.TimeSortedIds;
import dev.bazaar.platform.messaging.Outbox;
import dev.bazaar.platform.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders. Everything it needs of other contexts comes from its own replicas, so placing an
 * order works while catalog, customer and payment are down. The order's first event, its line in
 * the customer's order list and OrderPlaced commit together.
 *
 * <p>The customer is the one the shopper's token names, and ordering keeps no list of customers to check it against:
 * the token, signed by identity, proves the customer (identity makes the customer record under the account's id). So
 * a shopper who has just signed up orders at once, without waiting for customer.events to reach a replica here and
 * without a call to another service.
 *
 * <p>An Idempotency-Key is claimed in the same transaction: a retry, even one that arrives while the
 * first request is still being decided, gets the order the first one placed and places nothing. A key
 * answers for {@code ordering.idempotency-key-ttl} (24 hours by default), then the sweeper forgets it,
 * which keeps the table bounded. A request that fails places nothing and leaves its key unclaimed.
 */
@Service
public class Checkout {

    private static final Logger log = LoggerFactory.getLogger(Checkout.class);

    private final OrderStream orders;
    private final CatalogPrices prices;
    private final PaymentKeys keys;
    private final CheckoutRequests requests;
    private final CustomerOrders customerOrders;
    private final Outbox outbox;
    private final OrderMetrics metrics;
    private final OrderingProperties settings;
    private final Clock clock;
    private final Traces traces;
    private final OrderChanges changes;

    public Checkout(OrderStream orders, CatalogPrices prices, PaymentKeys keys, CheckoutRequests requests,
                    CustomerOrders customerOrders, Outbox outbox, OrderMetrics metrics, OrderingProperties settings, Clock clock,
                    Traces traces, OrderChanges changes) {
        this.orders = orders;
        this.changes = changes;
        this.prices = prices;
        this.keys = keys;
        this.requests = requests;
        this.customerOrders = customerOrders;
        this.outbox = outbox;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.traces = traces;
    }

    /**
     * @throws UnknownProducts        naming every SKU catalog never announced
     * @throws PaymentKeyUnavailable  when payment has not published its card key yet
     * @throws IdempotencyKeyReused   when the Idempotency-Key was first sent with a different request
     * @throws IllegalArgumentException when the order breaks a rule of its own (a SKU twice, two currencies)
     */
    @Transactional
    public Placement place(PlaceOrder command) {
        return place(command.customer(), command.card(), command.idempotencyKey(), command.fingerprint(), command::items);
    }

    /**
     * Places an order of a shopper's cart. The items are asked for only once the Idempotency-Key is claimed: a retry
     * of a checkout that succeeded finds the cart emptied (in that checkout's transaction) and must still get the first
     * answer, which the claimed key gives it without looking at the cart.
     *
     * @param cart the cart's items, read (and emptied, in this transaction) when an order is to be placed; it may throw
     *             to place nothing, which also leaves the key unclaimed
     * @throws UnknownProducts        naming every SKU of the cart catalog never announced
     * @throws PaymentKeyUnavailable  when payment has not published its card key yet
     * @throws IdempotencyKeyReused   when the Idempotency-Key was first sent with a different request
     * @throws IllegalArgumentException when the order breaks a rule of its own (two currencies, a total beyond what an amount may be)
     */
    @Transactional
    public Placement place(PlaceCart command, Supplier<List<Item>> cart) {
        return place(command.customer(), command.card(), command.idempotencyKey(), command.fingerprint(), cart);
    }

    private Placement place(CustomerId customer, CardNumber cardNumber, String idempotencyKey, String fingerprint,
                            Supplier<List<Item>> items) {
        OrderId id = new OrderId(TimeSortedIds.next());
        // From here on the order's id travels with the trace: every span and log line of its journey carries it.
        traces.correlate(id.toString());
        if (idempotencyKey != null) {
            Optional<CheckoutRequests.FirstRequest> first = requests.claim(customer, idempotencyKey, fingerprint, id, now());
            if (first.isPresent()) {
                // A key from before requests were fingerprinted has none; it is at most a day old and trusted.
                if (first.get().fingerprint() != null && !first.get().fingerprint().equals(fingerprint)) {
                    throw new IdempotencyKeyReused();
                }
                traces.correlate(first.get().orderId().toString());
                return new Placement(first.get().orderId(), true);
            }
        }
        List<OrderLine> lines = price(items.get());
        // One key per order, never another's: once payment settles this charge, the key is gone and so is the card.
        CardEncryptionKey key = keys.claim(id).orElseThrow(PaymentKeyUnavailable::new);

        EncryptedCard card = key.encrypt(cardNumber);
        Order order = Order.create(id);
        OrderEvent.Placed placed = order.place(customer, lines, card.reference(), now());
        orders.append(id, 0, placed);
        // Its first change (the capture) starts from here rather than reading the stream back.
        changes.keep(order, List.of(placed));
        customerOrders.save(OrderSummary.of(order));
        outbox.append(id.toString(), PublishedLanguage.placed(placed, card));
        metrics.placed(placed);
        log.info("Order {} placed by customer {}: {} lines, {} {}, card ending {} encrypted with key {}", id,
                customer, lines.size(), placed.total().amount(), placed.total().currency(), card.last4(), card.keyId());
        return new Placement(id, false);
    }

    /**
     * The order an earlier request with this key placed, for a retry that checkout's admission would refuse: its first
     * attempt went through and only the answer was lost (its connection broke, and the gateway or the client sent it
     * again), so "nothing was ordered" would be false, and a client trusting it would order again under a new key.
     *
     * @param idempotencyKey null when the request came without one: there is nothing to find
     * @throws IdempotencyKeyReused when the key was first sent with a different request
     */
    @Transactional(readOnly = true)
    public Optional<Placement> placedBefore(CustomerId customer, String idempotencyKey, String fingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return requests.find(customer, idempotencyKey).map(first -> {
            if (first.fingerprint() != null && !first.fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReused();
            }
            return new Placement(first.orderId(), true);
        });
    }

    /** Forgets the Idempotency-Keys older than their time to live; returns how many. */
    @Transactional
    public int forgetOldIdempotencyKeys() {
        return requests.forgetClaimedBefore(now().minus(settings.idempotencyKeyTtl()));
    }

    private List<OrderLine> price(List<Item> items) {
        Map<Sku, CatalogPrice> known = prices.find(items.stream().map(Item::sku).toList());
        List<Sku> unknown = items.stream().map(Item::sku).filter(sku -> !known.containsKey(sku)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new UnknownProducts(unknown);
        }
        List<OrderLine> lines = new ArrayList<>(items.size());
        for (Item item : items) {
            CatalogPrice product = known.get(item.sku());
            lines.add(new OrderLine(item.sku(), product.name(), item.quantity(), product.price()));
        }
        return lines;
    }

    /** PostgreSQL keeps microseconds: what an event announces is then exactly what its stream holds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** @param customer the customer the shopper's token names */
    public record PlaceOrder(CustomerId customer, List<Item> items, CardNumber card, String idempotencyKey) {
        public PlaceOrder {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(card, "card");
            items = List.copyOf(items);
        }

        /**
         * What makes two requests the same request: the customer, the SKUs and quantities (in any
         * order) and the card's last four digits. The whole card number is left out on purpose: a
         * hash of it could be reversed by trying the few numbers that fit a known prefix and Luhn.
         */
        public String fingerprint() {
            StringBuilder canonical = new StringBuilder(customer.toString()).append('|');
            items.stream().sorted(Comparator.comparing(item -> item.sku().value()))
                    .forEach(item -> canonical.append(item.sku().value()).append('x').append(item.quantity()).append(';'));
            canonical.append('|').append(card.last4());
            return sha256(canonical.toString());
        }
    }

    /**
     * A checkout of the shopper's cart.
     *
     * @param customer the customer the shopper's token names
     */
    public record PlaceCart(CustomerId customer, CardNumber card, String idempotencyKey) {
        public PlaceCart {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(card, "card");
        }

        /**
         * What makes two cart checkouts the same request: the customer and the card's last four digits (not the whole
         * number: see {@link PlaceOrder#fingerprint()}). Not the cart's contents: a retry finds the cart the first
         * checkout emptied. It never equals an order request's, so a key first sent with one and then the other is reused.
         */
        public String fingerprint() {
            return sha256("cart|" + customer + "|" + card.last4());
        }
    }

    private static String sha256(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    public record Item(Sku sku, int quantity) {
    }

    /** @param repeated true when an earlier request with the same Idempotency-Key placed this order */
    public record Placement(OrderId orderId, boolean repeated) {
    }

    public static class UnknownProducts extends RuntimeException {
        private final List<Sku> skus;

        public UnknownProducts(List<Sku> skus) {
            super((skus.size() == 1 ? "No product has SKU " : "No products have SKUs ")
                    + String.join(", ", skus.stream().map(Sku::value).toList()));
            this.skus = List.copyOf(skus);
        }

        public List<Sku> skus() {
            return skus;
        }
    }

    /** An Idempotency-Key sent again with another request: answering with the first order would be wrong, placing a new one too. */
    public static class IdempotencyKeyReused extends RuntimeException {
        public IdempotencyKeyReused() {
            super("This Idempotency-Key was already used for a different order request (other lines or another"
                    + " card). Send the same request to get its order again, or a new key to place a new order.");
        }
    }

    /** Payment has not announced a card key yet, so no card can be taken; it does so at its first start. */
    public static class PaymentKeyUnavailable extends RuntimeException {
        public PaymentKeyUnavailable() {
            super("Payments cannot be taken right now: payment has no card keys on offer (it has not started yet, or has "
                    + "been away for many orders). Please retry shortly.");
        }
    }
}
