/** Persistence of payments, stock outcomes and card keys on PostgreSQL through JDBC. */
package dev.bazaar.payment.adapter.db;
