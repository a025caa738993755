/** The platform's map, {@code topology.yaml}: its components, read and checked, and the docs generated from it. */
package dev.bazaar.platform.topology;
