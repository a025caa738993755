/** HTTP conventions: RFC 9457 problem details with stable types. */
package dev.bazaar.platform.web;
