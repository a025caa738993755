/**
 * The API gateway: routing to the services, a timeout and a circuit breaker on every route, stale catalog
 * reads while catalog is down, and the services' unavailability turned into problem details.
 */
package dev.bazaar.gateway;
