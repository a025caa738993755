/** What can be done with accounts: sign up, and the staff account made at first start. */
package dev.bazaar.identity.account.application;
