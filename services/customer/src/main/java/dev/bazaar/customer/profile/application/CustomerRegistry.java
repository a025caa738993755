package dev.bazaar.customer.profile.application;

import java.util.Optional;

import dev.bazaar.customer.profile.Address;
import dev.bazaar.customer.profile.Customer;
import dev.bazaar.customer.profile.CustomerEvent;
import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.Customers;
import dev.bazaar.customer.profile.Email;
import dev.bazaar.customer.profile.Preferences;
import dev.bazaar.platform.messaging.Outbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What can be done with customer accounts: made when a shopper signs up, their address and preferences changed. Every change and its
 * event commit together.
 */
@Service
public class CustomerRegistry {

    private final Customers customers;
    private final Outbox outbox;

    public CustomerRegistry(Customers customers, Outbox outbox) {
        this.customers = customers;
        this.outbox = outbox;
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
        if (!customers.add(customer)) {
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

    /**
     * The customer's own choices. New delivery instructions are announced (for fulfillment's carrier) in the same
     * transaction; a change of marketing consent alone is not, as no other context acts on it.
     */
    @Transactional
    public Customer changePreferences(CustomerId id, Preferences preferences) {
        Customer customer = customers.findForUpdate(id).orElseThrow(() -> new UnknownCustomer(id));
        if (customer.preferences().equals(preferences)) {
            // PUT is idempotent: a retry finds its outcome already there, and changes and announces nothing.
            return customer;
        }
        Optional<CustomerEvent.PreferencesChanged> changed = customer.changePreferences(preferences);
        customers.update(customer);
        changed.ifPresent(this::publish);
        return customer;
    }

    @Transactional(readOnly = true)
    public Optional<Customer> find(CustomerId id) {
        return customers.find(id);
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
}
