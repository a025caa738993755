package dev.bazaar.customer.profile;

import java.util.Optional;

/** Where customers are kept. */
public interface Customers {

    Optional<Customer> find(CustomerId id);

    /** Finds the customer and locks it until the transaction ends, so that concurrent changes apply one after the other. */
    Optional<Customer> findForUpdate(CustomerId id);

    /** @return false when the id or the email (in any case) is taken already */
    boolean add(Customer customer);

    void update(Customer customer);
}
