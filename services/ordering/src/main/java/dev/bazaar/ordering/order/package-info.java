/** The order aggregate, event-sourced: its state is only ever the replay of its own events. Plain Java. */
package dev.bazaar.ordering.order;
