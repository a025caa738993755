package dev.bazaar.ordering.cart.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.bazaar.ordering.cart.Cart;
import dev.bazaar.ordering.cart.Carts;
import dev.bazaar.ordering.cart.PricedCart;
import dev.bazaar.ordering.order.CardNumber;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.order.application.Checkout;
import dev.bazaar.ordering.replica.CatalogPrice;
import dev.bazaar.ordering.replica.CatalogPrices;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shopper's cart: shown priced from ordering's own replica of catalog's prices, changed one product at a time, and
 * checked out into an order. Like checkout, none of it asks another context anything.
 */
@Service
public class Shopping {

    private final Carts carts;
    private final CatalogPrices prices;
    private final Checkout checkout;
    private final Clock clock;

    public Shopping(Carts carts, CatalogPrices prices, Checkout checkout, Clock clock) {
        this.carts = carts;
        this.prices = prices;
        this.checkout = checkout;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PricedCart cart(CustomerId customer) {
        return priced(carts.of(customer));
    }

    /**
     * Sets how many of a product the shopper wants, adding it if it is new to the cart.
     *
     * @throws Checkout.UnknownProducts when catalog never announced the product
     * @throws Cart.Full                when it would be one product too many
     */
    @Transactional
    public PricedCart set(CustomerId customer, Sku sku, int quantity) {
        Cart cart = carts.lock(customer);
        CatalogPrice product = prices.find(List.of(sku)).get(sku);
        if (product == null) {
            throw new Checkout.UnknownProducts(List.of(sku));
        }
        carts.put(customer, cart.set(product, quantity, now()));
        return priced(cart);
    }

    /** Takes a product out; one that was not in the cart leaves it as it was. */
    @Transactional
    public PricedCart remove(CustomerId customer, Sku sku) {
        Cart cart = carts.lock(customer);
        if (cart.remove(sku)) {
            carts.remove(customer, sku);
        }
        return priced(cart);
    }

    /**
     * Orders what the cart holds, at the prices of now, and empties it: the order and the emptied cart commit together,
     * or neither does (a bad card, no payment key, an unknown product leave the cart as it was).
     *
     * <p>The Idempotency-Key is claimed before the cart is read ({@link Checkout#place(Checkout.PlaceCart, java.util.function.Supplier)}),
     * so a retry of a checkout that succeeded gets its order, although the cart is empty by then. A second checkout with
     * another key waits for the cart's lock and then finds it empty: a double click orders once either way.
     *
     * @throws CartEmpty when there is nothing to order
     */
    @Transactional
    public Checkout.Placement checkout(CustomerId customer, CardNumber card, String idempotencyKey) {
        return checkout.place(new Checkout.PlaceCart(customer, card, idempotencyKey), () -> {
            Cart cart = carts.lock(customer);
            if (cart.isEmpty()) {
                throw new CartEmpty();
            }
            carts.empty(customer);
            return cart.items().stream().map(item -> new Checkout.Item(item.sku(), item.quantity())).toList();
        });
    }

    private PricedCart priced(Cart cart) {
        Map<Sku, CatalogPrice> known = prices.find(cart.items().stream().map(item -> item.sku()).toList());
        boolean anyAvailable = cart.items().stream().anyMatch(item -> known.containsKey(item.sku()));
        // The catalog's currency is only needed to say what an empty total is in; no need to ask otherwise.
        return cart.price(known, anyAvailable ? null : prices.currency().orElse(null));
    }

    /** PostgreSQL keeps microseconds: what is shown is then exactly what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A checkout of a cart with nothing in it: nothing to order. */
    public static class CartEmpty extends RuntimeException {
        public CartEmpty() {
            super("The cart is empty: add a product before checking out.");
        }
    }
}
