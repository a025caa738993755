/** The customer service: profiles and shipping addresses; publishes customer.events. */
package dev.bazaar.customer;
