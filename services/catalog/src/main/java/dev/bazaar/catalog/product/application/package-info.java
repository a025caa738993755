/** Use cases of the catalog: each one a transaction that changes products and records their events. */
package dev.bazaar.catalog.product.application;
