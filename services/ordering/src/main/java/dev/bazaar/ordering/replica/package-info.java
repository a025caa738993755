/** What ordering keeps of other contexts, built only from their events: prices, customers, payment's card key. Plain Java. */
package dev.bazaar.ordering.replica;
