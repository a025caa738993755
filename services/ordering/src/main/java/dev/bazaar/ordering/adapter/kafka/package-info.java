/** What ordering reads of other contexts: one Subscription per topic, each with its own views of the events. */
package dev.bazaar.ordering.adapter.kafka;
