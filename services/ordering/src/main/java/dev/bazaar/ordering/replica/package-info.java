/** What ordering keeps of other contexts, built only from their events: prices and payment's card keys. Plain Java. */
package dev.bazaar.ordering.replica;
