package dev.bazaar.customer.profile;

import java.util.regex.Pattern;

/** An email address: one {@code @}, a domain with a dot, no spaces. Unique among customers whatever its case. */
public record Email(String value) {

    /** Also used by the web layer, so that the API rejects exactly what the domain rejects. */
    public static final String FORMAT = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+";
    public static final int MAX_LENGTH = 254;
    private static final Pattern PATTERN = Pattern.compile(FORMAT);

    public Email {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A customer needs an email");
        }
        value = value.strip();
        if (value.length() > MAX_LENGTH || !PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an email address");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
