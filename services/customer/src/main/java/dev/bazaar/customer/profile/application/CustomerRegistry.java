package dev.bazaar.customer.profile.application;

import java.util.Locale;
import java.util.Optional;

import dev.bazaar.customer.profile.Address;
import dev.bazaar.customer.profile.Customer;
import dev.bazaar.customer.profile.CustomerEvent;
import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.Customers;
import dev.bazaar.customer.profile.Email;
import dev.bazaar.platform.messaging.Outbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What can be done with customer accounts. Every change and its event commit together. */
@Service
public class CustomerRegistry {

    private final Customers customers;
    private final Outbox outbox;

    public CustomerRegistry(Customers customers, Outbox outbox) {
        this.customers = customers;
        this.outbox = outbox;
    }

    /**
     * Registers a new customer, or, when a request with the same idempotency key registered one
     * before, returns that customer again without registering anyone.
     *
     * @param idempotencyKey the client's key for this request, or null
     */
    @Transactional
    public Customer register(Email email, String name, Address address, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<Customer> earlier = customers.findByIdempotencyKey(idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), email, idempotencyKey);
            }
        }
        Customer customer = new Customer(CustomerId.newId(), email, name, address);
        if (!customers.add(customer, idempotencyKey)) {
            // A concurrent request with the same key may have committed between the look-up and the insert.
            if (idempotencyKey != null) {
                Optional<Customer> concurrent = customers.findByIdempotencyKey(idempotencyKey);
                if (concurrent.isPresent()) {
                    return replay(concurrent.get(), email, idempotencyKey);
                }
            }
            throw new EmailAlreadyRegistered(email);
        }
        publish(customer.registered());
        return customer;
    }

    /** A shopper signed up with identity: their customer record, under their account's id. */
    public record ShopperSignedUp(CustomerId customerId, Email email, String name, Address address) {
    }

    /**
     * Makes the signed-up shopper's customer record and announces it. Applied once per event by the inbox; a record
     * already there under that id is left as it is. An address already taken by another customer (registered before
     * sign-up existed) cannot be settled here: it fails, and the event goes to the dead letters for a person to look at.
     */
    @Transactional
    public void on(ShopperSignedUp signedUp) {
        if (customers.find(signedUp.customerId()).isPresent()) {
            return;
        }
        Customer customer = new Customer(signedUp.customerId(), signedUp.email(), signedUp.name(), signedUp.address());
        if (!customers.add(customer, null)) {
            throw new EmailAlreadyRegistered(signedUp.email());
        }
        publish(customer.registered());
    }

    @Transactional
    public Customer changeAddress(CustomerId id, Address address) {
        Customer customer = customers.findForUpdate(id).orElseThrow(() -> new UnknownCustomer(id));
        if (customer.address().equals(address)) {
            // PUT is idempotent: a retried request finds the address already changed, which is its intended
            // outcome, so it changes nothing and announces nothing instead of failing.
            return customer;
        }
        CustomerEvent.AddressChanged changed = customer.changeAddress(address);
        customers.update(customer);
        publish(changed);
        return customer;
    }

    @Transactional(readOnly = true)
    public Optional<Customer> find(CustomerId id) {
        return customers.find(id);
    }

    private static Customer replay(Customer earlier, Email email, String idempotencyKey) {
        if (!lowerCase(earlier.email()).equals(lowerCase(email))) {
            throw new IdempotencyKeyReused(idempotencyKey);
        }
        return earlier;
    }

    private static String lowerCase(Email email) {
        return email.value().toLowerCase(Locale.ROOT);
    }

    private void publish(CustomerEvent event) {
        outbox.append(event.customerId().toString(), PublishedLanguage.payload(event));
    }

    public static class UnknownCustomer extends RuntimeException {
        public UnknownCustomer(CustomerId id) {
            this(id.toString());
        }

        public UnknownCustomer(String id) {
            super("No customer has id " + id);
        }
    }

    public static class EmailAlreadyRegistered extends RuntimeException {
        public EmailAlreadyRegistered(Email email) {
            super("A customer with email " + email + " is registered already");
        }
    }

    public static class IdempotencyKeyReused extends RuntimeException {
        public IdempotencyKeyReused(String key) {
            super("Idempotency-Key " + key + " was used before for a different registration");
        }
    }
}
