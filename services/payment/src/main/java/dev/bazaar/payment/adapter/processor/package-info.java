/** The card processor, an external system; simulated here behind the domain's CardProcessor port. */
package dev.bazaar.payment.adapter.processor;
