/** Paged lists: the one shape every list endpoint and list query shares. */
package dev.bazaar.platform.paging;
