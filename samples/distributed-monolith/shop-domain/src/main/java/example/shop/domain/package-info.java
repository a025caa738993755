/**
 * The shared domain library: the types every shop service compiles against.
 *
 * <p>Sign of a distributed monolith: a shared domain library. A change here (a new field,
 * a renamed status) forces every service to be rebuilt and redeployed together, and the
 * schema in {@code shop-schema.sql} travels with it, so every service also "owns" every table.
 */
package example.shop.domain;
