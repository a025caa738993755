package dev.bazaar.ordering.order.application;

import java.util.List;
import java.util.function.Function;

/** One page of a list: its items, which page of what size it is, and how many items the whole list has. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 1000;

    public Page {
        items = List.copyOf(items);
    }

    /** The row the page starts at. */
    public static long offset(int page, int size) {
        return (long) page * size;
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapping) {
        return new Page<>(items.stream().<R>map(mapping).toList(), page, size, total);
    }
}
