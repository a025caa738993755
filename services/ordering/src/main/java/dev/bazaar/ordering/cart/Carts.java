package dev.bazaar.ordering.cart;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Sku;

/** Where the shoppers' carts are kept, one per customer; a customer who never added anything has an empty one. */
public interface Carts {

    Cart of(CustomerId customer);

    /**
     * The customer's cart, which no other transaction may change until the caller's ends: two changes at once (two tabs,
     * a checkout and an addition) would each decide on what the other is replacing, and a cart could pass its limit.
     */
    Cart lock(CustomerId customer);

    /** Keeps the item as it is now: added, or its quantity changed. */
    void put(CustomerId customer, CartItem item);

    void remove(CustomerId customer, Sku sku);

    /** Takes everything out, as checkout does once the cart is ordered. */
    void empty(CustomerId customer);
}
