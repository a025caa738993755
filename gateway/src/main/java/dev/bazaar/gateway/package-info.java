/** The API gateway: routing to the services and turning their unavailability into problem details. */
package dev.bazaar.gateway;
