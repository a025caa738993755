package dev.bazaar.inventory;

import java.util.List;

/** One page of a list, and how many items the whole list has, read in the same transaction. */
public record Listing<T>(List<T> items, long total) {

    public Listing {
        items = List.copyOf(items);
    }
}
