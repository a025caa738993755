/** The payment service: charges, refunds and the card encryption key; publishes payment.events. */
package dev.bazaar.payment;
