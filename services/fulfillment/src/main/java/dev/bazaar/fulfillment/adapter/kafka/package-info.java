/** Listeners for ordering.events and customer.events, and fulfillment's own reading of those events. */
package dev.bazaar.fulfillment.adapter.kafka;
