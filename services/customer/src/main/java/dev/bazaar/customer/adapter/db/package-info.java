/** Persistence of customers on PostgreSQL through JDBC. */
package dev.bazaar.customer.adapter.db;
