/** The shopper's cart: what they mean to order, with the price each product had when they added it. Plain Java. */
package dev.bazaar.ordering.cart;
