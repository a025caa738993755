/** Use cases of stock: SKUs learnt from the catalog, goods received, stock looked up. */
package dev.bazaar.inventory.stock.application;
