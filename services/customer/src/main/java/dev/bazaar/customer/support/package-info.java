/** Support requests: a shopper's questions about an order and staff's answers, with their history. Plain Java. */
package dev.bazaar.customer.support;
