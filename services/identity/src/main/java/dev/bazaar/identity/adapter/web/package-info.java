/** Identity's HTTP API: sign-up, and the rotation of signing keys for operators. */
package dev.bazaar.identity.adapter.web;
