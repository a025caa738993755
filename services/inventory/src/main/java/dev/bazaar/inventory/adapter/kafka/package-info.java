/** Listeners on catalog.events and ordering.events, and inventory's own reading of those contexts' events. */
package dev.bazaar.inventory.adapter.kafka;
