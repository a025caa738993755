/** The inventory service: stock per SKU and the reservations of orders; publishes inventory.events. */
package dev.bazaar.inventory;
