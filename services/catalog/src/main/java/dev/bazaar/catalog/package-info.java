/** The catalog service: products, categories, prices and search; publishes catalog.events. */
package dev.bazaar.catalog;
