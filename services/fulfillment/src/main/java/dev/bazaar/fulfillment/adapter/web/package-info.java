/** The fulfillment HTTP API under /api/shipments. */
package dev.bazaar.fulfillment.adapter.web;
