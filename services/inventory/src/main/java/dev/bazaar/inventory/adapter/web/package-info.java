/** Inventory's HTTP API under /api/inventory. */
package dev.bazaar.inventory.adapter.web;
