package dev.bazaar.inventory.adapter.web;

import java.util.List;
import java.util.function.Function;

import dev.bazaar.inventory.Listing;

/** A page of an admin list, as the launcher's audit reads it: {@code {items, page, size, total}}. */
record PageView<T>(List<T> items, int page, int size, long total) {

    /** How many items one page may ask for. */
    static final int MAX_SIZE = 1000;

    static <S, T> PageView<T> of(Listing<S> listing, Function<S, T> view, int page, int size) {
        return new PageView<>(listing.items().stream().map(view).toList(), page, size, listing.total());
    }

    static long offset(int page, int size) {
        return (long) page * size;
    }
}
