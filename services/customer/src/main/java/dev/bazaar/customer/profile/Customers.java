package dev.bazaar.customer.profile;

import java.util.Optional;

/** Where customers are kept. */
public interface Customers {

    Optional<Customer> find(CustomerId id);

    /** Finds the customer and locks it until the transaction ends, so that concurrent changes apply one after the other. */
    Optional<Customer> findForUpdate(CustomerId id);

    Optional<Customer> findByIdempotencyKey(String key);

    /**
     * @param idempotencyKey the key of the request that registers the customer, or null
     * @return false when the email (in any case) or the idempotency key is taken already
     */
    boolean add(Customer customer, String idempotencyKey);

    void update(Customer customer);
}
