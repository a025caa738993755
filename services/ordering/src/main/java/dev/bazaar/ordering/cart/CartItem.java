package dev.bazaar.ordering.cart;

import java.time.Instant;
import java.util.Objects;

import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.OrderLine;
import dev.bazaar.ordering.order.Sku;

/**
 * A product in a cart.
 *
 * @param priceWhenAdded what the product cost when it was put in the cart; a change of quantity keeps it, so that the cart
 *                       can show the shopper how the price moved since
 */
public record CartItem(Sku sku, int quantity, Money priceWhenAdded, Instant addedAt) {

    public CartItem {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(priceWhenAdded, "price when added");
        Objects.requireNonNull(addedAt, "added at");
        // The bounds of an order's line: a cart that could not be checked out would only fail later.
        if (quantity < 1 || quantity > OrderLine.MAX_QUANTITY) {
            throw new IllegalArgumentException("The quantity of " + sku + " must be between 1 and " + OrderLine.MAX_QUANTITY
                    + ", was " + quantity);
        }
    }

    CartItem withQuantity(int quantity) {
        return new CartItem(sku, quantity, priceWhenAdded, addedAt);
    }
}
