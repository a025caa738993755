/** Listeners for ordering.events and inventory.events, and payment's own reading of those events. */
package dev.bazaar.payment.adapter.kafka;
