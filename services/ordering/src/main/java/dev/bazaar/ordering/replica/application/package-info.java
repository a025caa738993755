/** Keeps the replicas up to date from catalog, customer and payment events. */
package dev.bazaar.ordering.replica.application;
