package dev.bazaar.platform.paging;

/**
 * Which page of a list is asked for. Pages count from 0; a page holds at most {@value #MAX_SIZE} items, so
 * that one request cannot make a service read a whole table into memory.
 */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 1000;

    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }

    /**
     * A page of a list that may be walked by key: the page after a key is asked for with {@code after} alone, so with
     * one, {@code page} must be 0.
     *
     * @throws IllegalArgumentException when both are given, or the page is invalid
     */
    public static PageRequest of(int page, int size, Object after) {
        if (after != null && page > 0) {
            throw new IllegalArgumentException("page and after exclude each other: the page after a key is asked for with after alone");
        }
        return new PageRequest(page, size);
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) page * size;
    }
}
