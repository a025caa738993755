/**
 * The platform's service-level objectives, {@code slos.yaml}: read and checked, and the Prometheus rules, scrape
 * configuration and Grafana dashboard generated from them.
 */
package dev.bazaar.platform.slo;
