/** The technical chassis shared by every service: messaging and web conventions, no domain types. */
package dev.bazaar.platform;
