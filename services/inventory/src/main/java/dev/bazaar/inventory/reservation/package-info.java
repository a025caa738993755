/** The reservation aggregate: the stock set aside for one order, held until it is committed or released. Plain Java. */
package dev.bazaar.inventory.reservation;
