package dev.bazaar.customer.profile;

import java.util.regex.Pattern;

/**
 * A customer's e-mail address, as identity published it when the shopper signed up. Identity owns what an acceptable
 * address is (its syntax, no address that passes for another, its normal form); customer takes it as given and checks
 * only the shape the published language promises, so that a malformed event is refused rather than stored. Unique
 * among customers whatever its case.
 */
public record Email(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    public Email {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A customer needs an email");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an e-mail address");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
