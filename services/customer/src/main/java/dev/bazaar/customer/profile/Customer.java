package dev.bazaar.customer.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * A customer account. Its address and preferences change by intention, and only to different ones. Every change
 * counts up its version, which its events carry, so that a replica elsewhere can tell a late event from a new one.
 */
public final class Customer {

    public static final int NAME_MAX_LENGTH = 200;

    private final CustomerId id;
    private final Email email;
    private final String name;
    private Address address;
    private Preferences preferences;
    private long version;

    /** A customer just registered: version 1. */
    public Customer(CustomerId id, Email email, String name, Address address) {
        this(id, email, name, address, 1);
    }

    public Customer(CustomerId id, Email email, String name, Address address, long version) {
        this(id, email, name, address, Preferences.NONE, version);
    }

    public Customer(CustomerId id, Email email, String name, Address address, Preferences preferences, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = Objects.requireNonNull(email, "email");
        this.name = requireName(name);
        this.address = Objects.requireNonNull(address, "address");
        this.preferences = Objects.requireNonNull(preferences, "preferences");
        if (version < 1) {
            throw new IllegalArgumentException("A customer's version starts at 1, was " + version);
        }
        this.version = version;
    }

    public CustomerEvent.Registered registered() {
        return new CustomerEvent.Registered(id, email, name, address, version);
    }

    /** @return the event announcing the move */
    public CustomerEvent.AddressChanged changeAddress(Address newAddress) {
        Objects.requireNonNull(newAddress, "address");
        if (newAddress.equals(address)) {
            throw new IllegalArgumentException("Customer " + id + " lives at that address already");
        }
        address = newAddress;
        version++;
        return new CustomerEvent.AddressChanged(id, newAddress, version);
    }

    /**
     * @return the event announcing the new delivery instructions, or empty when only what stays in customer (marketing
     * consent) changed: other contexts have nothing to learn from it
     */
    public Optional<CustomerEvent.PreferencesChanged> changePreferences(Preferences newPreferences) {
        Objects.requireNonNull(newPreferences, "preferences");
        if (newPreferences.equals(preferences)) {
            throw new IllegalArgumentException("Customer " + id + " has these preferences already");
        }
        boolean instructionsChanged = !newPreferences.sameDeliveryInstructionsAs(preferences);
        preferences = newPreferences;
        version++;
        return instructionsChanged
                ? Optional.of(new CustomerEvent.PreferencesChanged(id, newPreferences.deliveryInstructions(), version))
                : Optional.empty();
    }

    public CustomerId id() {
        return id;
    }

    public Email email() {
        return email;
    }

    public String name() {
        return name;
    }

    public Address address() {
        return address;
    }

    public Preferences preferences() {
        return preferences;
    }

    public long version() {
        return version;
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A customer needs a name");
        }
        String stripped = name.strip();
        if (stripped.length() > NAME_MAX_LENGTH) {
            throw new IllegalArgumentException("A customer's name has at most " + NAME_MAX_LENGTH + " characters");
        }
        return stripped;
    }
}
