/** The customer aggregate: an account with a unique email and a shipping address. Plain Java. */
package dev.bazaar.customer.profile;
