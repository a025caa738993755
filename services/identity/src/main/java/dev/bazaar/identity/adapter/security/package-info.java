/**
 * The OpenID Connect provider: Spring Authorization Server's endpoints, sign-in, the registered clients, the claims of
 * the tokens and the keys they are signed with.
 */
package dev.bazaar.identity.adapter.security;
