/** Accounts: who may sign in, with which address and password, and in which role. Plain Java. */
package dev.bazaar.identity.account;
