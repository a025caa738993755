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

    /** How many items come before this page. */
    public long offset() {
        return (long) page * size;
    }
}
