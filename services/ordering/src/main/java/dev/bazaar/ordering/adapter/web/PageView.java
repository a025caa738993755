package dev.bazaar.ordering.adapter.web;

import java.util.List;
import java.util.function.Function;

import dev.bazaar.ordering.order.application.Page;

/** A page as every Bazaar list answers it: {@code {"items":[...],"page","size","total"}}. */
record PageView<T>(List<T> items, int page, int size, long total) {

    static <S, T> PageView<T> of(Page<S> page, Function<? super S, ? extends T> view) {
        return new PageView<>(page.items().stream().<T>map(view).toList(), page.page(), page.size(), page.total());
    }
}
