package dev.bazaar.ordering.cart;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.replica.CatalogPrice;

/**
 * A shopper's cart: each product at most once, with how many they want and the price it had when they added it. It
 * keeps no price of its own beyond that: it is priced whenever it is shown ({@link #price}), from what catalog last
 * announced, and checkout prices its order the same way. So the shopper sees a price change before they order, not
 * after.
 */
public final class Cart {

    /** What one order can hold: a fuller cart could not be checked out. */
    public static final int MAX_ITEMS = Order.MAX_LINES;

    private final CustomerId customer;
    private final Map<Sku, CartItem> items = new LinkedHashMap<>();

    /** @param items in the order they were added */
    public Cart(CustomerId customer, List<CartItem> items) {
        this.customer = Objects.requireNonNull(customer, "customer");
        for (CartItem item : items) {
            if (this.items.put(item.sku(), item) != null) {
                throw new IllegalArgumentException("A cart holds each SKU once; " + item.sku() + " appears twice");
            }
        }
    }

    public CustomerId customer() {
        return customer;
    }

    public List<CartItem> items() {
        return List.copyOf(items.values());
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * Sets how many of a product the shopper wants. A product new to the cart is added at the price it has now; one
     * already in it keeps the price it was added at, whatever its quantity becomes, so that the change still shows.
     *
     * @return the item as it now is
     * @throws Full                     when the product is new to a cart that already holds {@value #MAX_ITEMS} items
     * @throws IllegalArgumentException when the quantity is outside 1..1000
     */
    public CartItem set(CatalogPrice product, int quantity, Instant at) {
        CartItem existing = items.get(product.sku());
        if (existing == null && items.size() >= MAX_ITEMS) {
            throw new Full();
        }
        CartItem item = existing == null ? new CartItem(product.sku(), quantity, product.price(), at) : existing.withQuantity(quantity);
        items.put(item.sku(), item);
        return item;
    }

    /** @return false when the product was not in the cart, which is no mistake: the shopper wants it out, and it is */
    public boolean remove(Sku sku) {
        return items.remove(sku) != null;
    }

    /**
     * The cart priced from catalog's latest word.
     *
     * @param known    the products ordering knows, among (at least) this cart's; an item whose SKU is missing is unavailable
     * @param currency what an empty total is in (the catalog's currency); null when there is none yet
     */
    public PricedCart price(Map<Sku, CatalogPrice> known, String currency) {
        List<PricedCart.Line> lines = new ArrayList<>(items.size());
        Amount total = null;
        boolean oneCurrency = true;
        int count = 0;
        for (CartItem item : items.values()) {
            count += item.quantity();
            CatalogPrice product = known.get(item.sku());
            if (product == null) {
                lines.add(new PricedCart.Line(item.sku(), null, item.quantity(), null, item.priceWhenAdded(), false, null, false));
                continue;
            }
            Amount lineTotal = Amount.of(product.price(), item.quantity());
            lines.add(new PricedCart.Line(item.sku(), product.name(), item.quantity(), product.price(), item.priceWhenAdded(),
                    !product.price().equals(item.priceWhenAdded()), lineTotal, true));
            if (total == null) {
                total = lineTotal;
            } else if (total.currency().equals(lineTotal.currency())) {
                total = total.plus(lineTotal);
            } else {
                oneCurrency = false;
            }
        }
        if (total == null) {
            total = currency == null ? null : Amount.zero(currency);
        }
        return new PricedCart(lines, oneCurrency ? total : null, count);
    }

    /** A product more than a cart holds. */
    public static final class Full extends RuntimeException {
        public Full() {
            super("A cart holds at most " + MAX_ITEMS + " different products, as many as one order: check out or remove one first");
        }
    }
}
