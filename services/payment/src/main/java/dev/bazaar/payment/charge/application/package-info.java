/** Use cases of payments: each event handled in one transaction that changes a payment and records its events. */
package dev.bazaar.payment.charge.application;
