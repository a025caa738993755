/** Keeps the replicas up to date from catalog and payment events. */
package dev.bazaar.ordering.replica.application;
