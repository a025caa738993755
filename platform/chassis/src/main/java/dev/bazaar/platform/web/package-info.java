/** HTTP conventions: RFC 9457 problem details with stable types; the chassis' own admin endpoints. */
package dev.bazaar.platform.web;
