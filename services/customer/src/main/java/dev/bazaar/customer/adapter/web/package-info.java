/** The customer service's HTTP API under /api/customers. */
package dev.bazaar.customer.adapter.web;
