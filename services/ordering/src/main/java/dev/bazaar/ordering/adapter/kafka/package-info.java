/** Listeners for other contexts' events and ordering's own reading of them (tolerant readers). */
package dev.bazaar.ordering.adapter.kafka;
