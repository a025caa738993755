package dev.bazaar.inventory.reservation;

import dev.bazaar.inventory.stock.Sku;

/** A SKU of which an order asked for more than is available; an unknown SKU has none available. */
public record Shortage(Sku sku, int requested, int available) {
}
