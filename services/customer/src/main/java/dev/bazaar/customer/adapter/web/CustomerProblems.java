package dev.bazaar.customer.adapter.web;

import dev.bazaar.customer.profile.application.CustomerRegistry;
import dev.bazaar.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problems every controller of customer answers alike: an unknown customer (or another shopper's) is a 404. */
@RestControllerAdvice(basePackageClasses = CustomerProblems.class)
class CustomerProblems {

    @ExceptionHandler(CustomerRegistry.UnknownCustomer.class)
    ProblemDetail unknown(CustomerRegistry.UnknownCustomer e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer", e.getMessage());
    }
}
