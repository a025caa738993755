/** The product aggregate: what is sold, in which category, at what price. Plain Java. */
package dev.bazaar.catalog.product;
