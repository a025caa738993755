/** Use cases of the cart: reading it priced, changing it, and checking it out into an order in one transaction. */
package dev.bazaar.ordering.cart.application;
