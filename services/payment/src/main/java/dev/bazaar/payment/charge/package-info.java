/** The payment aggregate: one charge per order, from pending to captured, declined, voided or refunded. Plain Java. */
package dev.bazaar.payment.charge;
