/** The ordering HTTP API under /api/orders. */
package dev.bazaar.ordering.adapter.web;
