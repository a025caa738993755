/**
 * Traces that follow an order across processes: the W3C trace context kept with each event in the outbox and with
 * work a service does later (a payment's charge, a shipment's pick-up), and the correlation field (the order id) as
 * baggage, so that it tags every span and log line of the journey.
 */
package dev.bazaar.platform.tracing;
