package dev.bazaar.customer.adapter.web;

import java.net.URI;

import dev.bazaar.customer.profile.Address;
import dev.bazaar.customer.profile.Customer;
import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.Email;
import dev.bazaar.customer.profile.application.CustomerRegistry;
import dev.bazaar.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers")
@Validated
class CustomerController {

    private final CustomerRegistry registry;

    CustomerController(CustomerRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<CustomerView> register(@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 100) String idempotencyKey,
                                          @Valid @RequestBody NewCustomer request) {
        Customer customer = registry.register(new Email(request.email()), request.name(), request.address().toAddress(), idempotencyKey);
        return ResponseEntity.created(URI.create("/api/customers/" + customer.id())).body(CustomerView.of(customer));
    }

    @GetMapping("/{id}")
    CustomerView customer(@PathVariable String id) {
        CustomerId customerId = id(id);
        return registry.find(customerId).map(CustomerView::of).orElseThrow(() -> new CustomerRegistry.UnknownCustomer(customerId));
    }

    @PutMapping("/{id}/address")
    CustomerView changeAddress(@PathVariable String id, @Valid @RequestBody AddressView address) {
        return CustomerView.of(registry.changeAddress(id(id), address.toAddress()));
    }

    @ExceptionHandler(CustomerRegistry.UnknownCustomer.class)
    ProblemDetail unknown(CustomerRegistry.UnknownCustomer e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer", e.getMessage());
    }

    @ExceptionHandler(CustomerRegistry.EmailAlreadyRegistered.class)
    ProblemDetail emailTaken(CustomerRegistry.EmailAlreadyRegistered e) {
        return Problems.problem(HttpStatus.CONFLICT, "email-registered", "Email registered already", e.getMessage());
    }

    @ExceptionHandler(CustomerRegistry.IdempotencyKeyReused.class)
    ProblemDetail keyReused(CustomerRegistry.IdempotencyKeyReused e) {
        return Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused", e.getMessage());
    }


    /** An id that is not even a UUID names no customer. */
    private static CustomerId id(String value) {
        try {
            return CustomerId.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CustomerRegistry.UnknownCustomer(value);
        }
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

    record NewCustomer(@NotBlank @Size(max = Email.MAX_LENGTH) @jakarta.validation.constraints.Email(regexp = Email.FORMAT) String email,
                       @NotBlank @Size(max = Customer.NAME_MAX_LENGTH) String name,
                       @NotNull @Valid AddressView address) {
    }
}
