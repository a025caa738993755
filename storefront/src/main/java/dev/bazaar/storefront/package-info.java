/**
 * The storefront, a backend-for-frontend: {@code web} renders the pages and takes the forms, {@code api} asks the
 * platform's public API through the gateway (as the signed-in shopper, with their token, or anonymously). It keeps no
 * business data; a page shows what the platform answered, or says what it could not learn.
 */
package dev.bazaar.storefront;
