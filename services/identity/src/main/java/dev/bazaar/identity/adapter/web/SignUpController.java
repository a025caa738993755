package dev.bazaar.identity.adapter.web;

import java.util.Map;

import dev.bazaar.identity.account.EmailAddress;
import dev.bazaar.identity.account.Password;
import dev.bazaar.identity.account.application.SignUp;
import dev.bazaar.platform.web.SingleLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/identity/sign-up}, open to anyone. The answer is the same whether the address was free or had an
 * account already (see {@link SignUp}): 202, and the shopper signs in. Input that breaks a rule is a 400 problem
 * saying which, and makes nothing.
 */
@RestController
class SignUpController {

    static final String ACCEPTED = "If this address can be used, its account is ready: sign in with it. If it has an"
            + " account already, its owner has been told by mail.";

    private final SignUp signUp;

    SignUpController(SignUp signUp) {
        this.signUp = signUp;
    }

    @PostMapping("/api/identity/sign-up")
    ResponseEntity<Map<String, String>> signUp(@Valid @RequestBody NewShopper request) {
        signUp.signUp(new EmailAddress(request.email()), request.password(), new SignUp.Profile(request.name(),
                request.address().line1(), request.address().city(), request.address().postalCode(), request.address().country()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("detail", ACCEPTED));
    }

    record NewShopper(@NotBlank @Size(max = EmailAddress.MAX_LENGTH) String email,
                      @NotNull @Size(min = Password.MIN_LENGTH, max = 4 * Password.MAX_LENGTH) String password,
                      @NotBlank @Size(max = 200) @SingleLine String name,
                      @NotNull @Valid Address address) {
    }

    record Address(@NotBlank @Size(max = 200) @SingleLine String line1,
                   @NotBlank @Size(max = 100) @SingleLine String city,
                   @NotBlank @Size(max = 20) @SingleLine String postalCode,
                   @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code of two capital letters")
                   String country) {
    }
}
