/** Use cases of reservations: ordering's facts turned into stock set aside, given back or shipped, each announced. */
package dev.bazaar.inventory.reservation.application;
