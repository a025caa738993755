package dev.bazaar.customer.profile;

import java.util.Locale;
import java.util.Set;

/** Where a customer's orders are shipped. The country is an ISO 3166-1 alpha-2 code such as FR. */
public record Address(String line1, String city, String postalCode, String country) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public Address {
        line1 = requireText(line1, "line1", 200);
        city = requireText(city, "city", 100);
        postalCode = requireText(postalCode, "postalCode", 20);
        if (country == null || !COUNTRIES.contains(country)) {
            throw new IllegalArgumentException("An address' country is an ISO 3166-1 alpha-2 code of two capital letters, was " + country);
        }
    }

    private static String requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An address needs a " + field);
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new IllegalArgumentException("An address' " + field + " has at most " + max + " characters");
        }
        return stripped;
    }
}
