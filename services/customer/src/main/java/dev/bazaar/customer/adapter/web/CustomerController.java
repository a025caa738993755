package dev.bazaar.customer.adapter.web;

import dev.bazaar.customer.profile.Address;
import dev.bazaar.customer.profile.Customer;
import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.Preferences;
import dev.bazaar.customer.profile.application.CustomerRegistry;
import dev.bazaar.platform.web.Caller;
import dev.bazaar.platform.web.SingleLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's own record and preferences: customers are made when a shopper signs up (identity's ShopperSignedUp),
 * never here. A shopper sees and changes only their own; another customer's id is answered as an unknown one, so that
 * ids cannot be probed. Staff and the operator see every customer, and change addresses, but not preferences.
 */
@RestController
@RequestMapping("/api/customers")
class CustomerController {

    private final CustomerRegistry registry;

    CustomerController(CustomerRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/{id}")
    CustomerView customer(@PathVariable String id, Caller caller) {
        CustomerId customerId = Owners.readableBy(caller, id);
        return registry.find(customerId).map(CustomerView::of).orElseThrow(() -> new CustomerRegistry.UnknownCustomer(customerId));
    }

    @PutMapping("/{id}/address")
    CustomerView changeAddress(@PathVariable String id, @Valid @RequestBody AddressView address, Caller caller) {
        return CustomerView.of(registry.changeAddress(Owners.readableBy(caller, id), address.toAddress()));
    }

    @GetMapping("/{id}/preferences")
    PreferencesView preferences(@PathVariable String id, Caller caller) {
        CustomerId customerId = Owners.readableBy(caller, id);
        return registry.find(customerId).map(customer -> PreferencesView.of(customer.preferences()))
                .orElseThrow(() -> new CustomerRegistry.UnknownCustomer(customerId));
    }

    /** The shopper's own choice alone: staff read it, but consent is not theirs to give (403 by the access rules). */
    @PutMapping("/{id}/preferences")
    PreferencesView changePreferences(@PathVariable String id, @Valid @RequestBody PreferencesView preferences, Caller caller) {
        return PreferencesView.of(registry.changePreferences(Owners.ownedBy(caller, id), preferences.toPreferences()).preferences());
    }

    record CustomerView(String id, String email, String name, AddressView address) {
        static CustomerView of(Customer customer) {
            return new CustomerView(customer.id().toString(), customer.email().value(), customer.name(),
                    AddressView.of(customer.address()));
        }
    }

    /** Both fields are required: a PUT replaces the preferences, and an empty text clears the instructions. */
    record PreferencesView(@NotNull Boolean marketingConsent,
                           @NotNull @Size(max = Preferences.DELIVERY_INSTRUCTIONS_MAX_LENGTH)
                           @SingleLine String deliveryInstructions) {
        static PreferencesView of(Preferences preferences) {
            return new PreferencesView(preferences.marketingConsent(), preferences.deliveryInstructions());
        }

        Preferences toPreferences() {
            return new Preferences(marketingConsent, deliveryInstructions);
        }
    }

    record AddressView(@NotBlank @Size(max = 200) @SingleLine String line1,
                       @NotBlank @Size(max = 100) @SingleLine String city,
                       @NotBlank @Size(max = 20) @SingleLine String postalCode,
                       @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code of two capital letters")
                       String country) {
        static AddressView of(Address address) {
            return new AddressView(address.line1(), address.city(), address.postalCode(), address.country());
        }

        Address toAddress() {
            return new Address(line1, city, postalCode, country);
        }
    }
}
