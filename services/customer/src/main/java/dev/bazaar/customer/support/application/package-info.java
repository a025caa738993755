/** Use cases of support: each one a transaction on one request. */
package dev.bazaar.customer.support.application;
