/** Work inventory does on a timer rather than on an event: releasing reservations that expired. */
package dev.bazaar.inventory.adapter.schedule;
