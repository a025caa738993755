/** Cryptography the services share as a technique, not as a business rule. */
package dev.bazaar.platform.crypto;
