package dev.bazaar.customer.adapter.web;

import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.application.CustomerRegistry;
import dev.bazaar.platform.web.Caller;

/**
 * Whose resources a caller reaches under a customer id. An id that is not even a UUID names no customer; another
 * shopper's is answered alike, before it is looked up, so that ids cannot be probed.
 */
final class Owners {

    private Owners() {
    }

    /** The customer whose resources this caller may read: their own, or anyone's for staff and the operator. */
    static CustomerId readableBy(Caller caller, String value) {
        CustomerId id = parse(value);
        if (!caller.mayRead(id.value())) {
            throw new CustomerRegistry.UnknownCustomer(id);
        }
        return id;
    }

    /** The customer this caller is: what only the shopper themselves may do (their consent, their own requests). */
    static CustomerId ownedBy(Caller caller, String value) {
        CustomerId id = parse(value);
        if (!caller.subject().equals(id.toString())) {
            throw new CustomerRegistry.UnknownCustomer(id);
        }
        return id;
    }

    private static CustomerId parse(String value) {
        try {
            return CustomerId.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CustomerRegistry.UnknownCustomer(value);
        }
    }
}
