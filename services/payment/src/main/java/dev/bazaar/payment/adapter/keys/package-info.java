/** Where the key-encryption keys are kept: a directory under the platform's home, or the environment. */
package dev.bazaar.payment.adapter.keys;
