package dev.bazaar.ordering.cart;

import java.util.List;
import java.util.Objects;

import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Sku;

/**
 * A cart as the shopper sees it, priced from what catalog last announced.
 *
 * @param total the available items' sum; null when it cannot be one amount: items priced in more than one currency
 *              (which no order could be paid in either), or an empty cart while no product is known to price it in
 * @param count how many pieces the cart holds, every item's quantity added up
 */
public record PricedCart(List<Line> lines, Amount total, int count) {

    public PricedCart {
        lines = List.copyOf(lines);
    }

    /**
     * An item priced now.
     *
     * @param name         null when the product is not {@code available}
     * @param unitPrice    the price now; null when the product is not {@code available}
     * @param priceChanged whether the price now differs from the price when the item was added
     * @param lineTotal    unit price times quantity; null when the product is not {@code available}
     * @param available    false for a product ordering no longer knows: it cannot be ordered, and counts in no total
     */
    public record Line(Sku sku, String name, int quantity, Money unitPrice, Money priceWhenAdded, boolean priceChanged,
                       Amount lineTotal, boolean available) {

        public Line {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(priceWhenAdded, "price when added");
        }
    }
}
