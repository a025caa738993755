/** The stock item aggregate: how much of a SKU is on hand and how much of that is reserved. Plain Java. */
package dev.bazaar.inventory.stock;
