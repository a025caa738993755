/** The ordering HTTP API under /api/orders and the shopper's cart under /api/cart. */
package dev.bazaar.ordering.adapter.web;
