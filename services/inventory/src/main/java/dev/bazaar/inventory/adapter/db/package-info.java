/** Persistence of stock and reservations on PostgreSQL through JDBC. */
package dev.bazaar.inventory.adapter.db;
