package dev.bazaar.fulfillment.shipment;

import java.util.regex.Pattern;

/** Where a shipment goes. */
public record Address(String line1, String city, String postalCode, String country) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Address {
        line1 = required(line1, "line1");
        city = required(city, "city");
        postalCode = required(postalCode, "postalCode");
        if (country == null || !COUNTRY.matcher(country).matches()) {
            throw new IllegalArgumentException("An address's country is two capital letters (ISO 3166-1), was " + country);
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An address needs a " + field);
        }
        return value.strip();
    }
}
