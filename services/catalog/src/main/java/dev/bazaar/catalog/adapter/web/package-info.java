/** The catalog's HTTP API under /api/catalog. */
package dev.bazaar.catalog.adapter.web;
