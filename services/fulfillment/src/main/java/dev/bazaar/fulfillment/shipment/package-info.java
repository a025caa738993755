/** The shipment aggregate: one per confirmed order, from waiting for an address to delivered, failed or cancelled. Plain Java. */
package dev.bazaar.fulfillment.shipment;
