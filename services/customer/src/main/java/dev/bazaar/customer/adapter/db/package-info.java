/** Persistence of customers and support requests on PostgreSQL through JDBC. */
package dev.bazaar.customer.adapter.db;
