/** Identifiers made by the services themselves. */
package dev.bazaar.platform.ids;
