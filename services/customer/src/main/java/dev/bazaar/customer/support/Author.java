package dev.bazaar.customer.support;

/** Who wrote a message, or closed a request: the shopper whose request it is, or staff. */
public enum Author {
    SHOPPER, STAFF
}
