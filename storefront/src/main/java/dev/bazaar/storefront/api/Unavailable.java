package dev.bazaar.storefront.api;

/** The platform (or the part of it a page needs) did not answer: down, too slow, or failing with a 5xx. */
public final class Unavailable extends RuntimeException {

    Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
