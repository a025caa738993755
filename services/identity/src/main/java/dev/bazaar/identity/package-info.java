/**
 * Identity: who may sign in, and as what. Shoppers sign up with an e-mail address and a password; staff have an
 * account of their own. The OpenID Connect provider (Spring Authorization Server) issues the tokens every other part of
 * the platform checks; sign-up tells customer, which creates the shopper's customer record under the same id.
 */
package dev.bazaar.identity;
