/** Use cases of the customer service: each one a transaction that changes customers and records their events. */
package dev.bazaar.customer.profile.application;
