/** The fulfillment HTTP API under /api/shipments, and its operators' API under /admin on its own port. */
package dev.bazaar.fulfillment.adapter.web;
