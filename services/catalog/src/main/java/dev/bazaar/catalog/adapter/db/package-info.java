/** Persistence of the catalog on PostgreSQL through JDBC. */
package dev.bazaar.catalog.adapter.db;
