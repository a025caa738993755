package dev.bazaar.customer.adapter.web;

import dev.bazaar.customer.profile.Address;
import dev.bazaar.customer.profile.Customer;
import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.application.CustomerRegistry;
import dev.bazaar.platform.web.Caller;
import dev.bazaar.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's own record: customers are made when a shopper signs up (identity's ShopperSignedUp), never here. A
 * shopper sees and changes only their own; another customer's id is answered as an unknown one, so that ids cannot be
 * probed. Staff and the operator see every customer.
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
        CustomerId customerId = readableBy(caller, id);
        return registry.find(customerId).map(CustomerView::of).orElseThrow(() -> new CustomerRegistry.UnknownCustomer(customerId));
    }

    @PutMapping("/{id}/address")
    CustomerView changeAddress(@PathVariable String id, @Valid @RequestBody AddressView address, Caller caller) {
        return CustomerView.of(registry.changeAddress(readableBy(caller, id), address.toAddress()));
    }

    @ExceptionHandler(CustomerRegistry.UnknownCustomer.class)
    ProblemDetail unknown(CustomerRegistry.UnknownCustomer e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer", e.getMessage());
    }

    /**
     * The customer this caller may see under this id. An id that is not even a UUID names no customer; another
     * shopper's is answered alike, before it is looked up.
     */
    private static CustomerId readableBy(Caller caller, String value) {
        CustomerId id;
        try {
            id = CustomerId.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CustomerRegistry.UnknownCustomer(value);
        }
        if (!caller.mayRead(id.value())) {
            throw new CustomerRegistry.UnknownCustomer(id);
        }
        return id;
    }

    record CustomerView(String id, String email, String name, AddressView address) {
        static CustomerView of(Customer customer) {
            return new CustomerView(customer.id().toString(), customer.email().value(), customer.name(),
                    AddressView.of(customer.address()));
        }
    }

    record AddressView(@NotBlank @Size(max = 200) String line1,
                       @NotBlank @Size(max = 100) String city,
                       @NotBlank @Size(max = 20) String postalCode,
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
