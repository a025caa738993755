/** The read side of the catalog: product listings shaped for search, apart from the products themselves. */
package dev.bazaar.catalog.search;
