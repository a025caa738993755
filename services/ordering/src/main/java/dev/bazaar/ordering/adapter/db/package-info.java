/** The order event store and the replicas on PostgreSQL through JDBC. */
package dev.bazaar.ordering.adapter.db;
