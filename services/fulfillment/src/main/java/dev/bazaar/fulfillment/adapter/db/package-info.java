/** Persistence of shipments and the address replica on PostgreSQL through JDBC. */
package dev.bazaar.fulfillment.adapter.db;
