/** Test infrastructure shared by every service: real servers, event probes, contract and architecture checks. */
package dev.bazaar.platform.testing;
