/** What customer reads from other services: identity's sign-ups. */
package dev.bazaar.customer.adapter.kafka;
