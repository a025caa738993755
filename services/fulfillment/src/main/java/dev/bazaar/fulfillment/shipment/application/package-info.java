/** Use cases of fulfillment: each event, and each round of the carrier, one transaction with the events it publishes. */
package dev.bazaar.fulfillment.shipment.application;
