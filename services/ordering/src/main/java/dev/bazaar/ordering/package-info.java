/** The ordering service: checkout and the event-sourced order at the heart of the saga; publishes ordering.events. */
package dev.bazaar.ordering;
