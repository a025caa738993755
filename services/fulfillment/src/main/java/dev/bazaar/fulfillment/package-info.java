/** The fulfillment service: shipments and their tracking, a simulated carrier, a replica of customer addresses; publishes fulfillment.events. */
package dev.bazaar.fulfillment;
