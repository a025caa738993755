package dev.bazaar.platform.paging;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list and the size of the whole list, as every list endpoint answers it:
 * {@code {"items": [...], "page": 0, "size": 100, "total": 1234}}. A page of a list walked by key (after the last key
 * of the page before) has no {@code total}: on a large list, counting it again for every page cost more than the page.
 */
public record Page<T>(List<T> items, int page, int size, @JsonInclude(JsonInclude.Include.NON_NULL) Long total) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(items, request.page(), request.size(), total);
    }

    /** A page of a list walked by key, without the size of the whole list. */
    public static <T> Page<T> uncounted(List<T> items, PageRequest request) {
        return new Page<>(items, request.page(), request.size(), null);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}
