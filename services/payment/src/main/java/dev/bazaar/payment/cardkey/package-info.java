/**
 * The keys card numbers are encrypted for: one-time EC keys, each offered to ordering once, taken by the one payment
 * whose card was encrypted for it, and gone with that payment's card when the charge is settled. At rest their
 * private halves are wrapped by a key-encryption key kept outside the database. Plain Java (and Nimbus JOSE).
 */
package dev.bazaar.payment.cardkey;
