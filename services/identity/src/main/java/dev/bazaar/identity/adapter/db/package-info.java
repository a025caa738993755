/** Accounts and mail in identity's PostgreSQL database. */
package dev.bazaar.identity.adapter.db;
