/** The RSA key pair that card numbers are encrypted for; its private half never leaves this service. Plain Java. */
package dev.bazaar.payment.cardkey;
