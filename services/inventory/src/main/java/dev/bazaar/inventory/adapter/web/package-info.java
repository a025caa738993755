/** Inventory's HTTP API under /api/inventory, and its operators' API under /admin on its own port. */
package dev.bazaar.inventory.adapter.web;
