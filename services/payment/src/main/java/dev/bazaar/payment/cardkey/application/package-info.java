/** Issuing the card encryption key once, and announcing its public half. */
package dev.bazaar.payment.cardkey.application;
