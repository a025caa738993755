/** The carrier, an external system; simulated here behind the domain's Carrier port, with its rounds on a timer. */
package dev.bazaar.fulfillment.adapter.carrier;
