/** What fulfillment reads of other contexts: one Subscription per topic, each with its own views of the events. */
package dev.bazaar.fulfillment.adapter.kafka;
