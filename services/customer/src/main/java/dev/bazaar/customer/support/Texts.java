package dev.bazaar.customer.support;

/** The rules every text of a request follows. */
final class Texts {

    private Texts() {
    }

    /**
     * @return the text trimmed
     * @throws IllegalArgumentException naming the field when it is blank, too long or holds a control character
     */
    static String require(String value, String field, int max, boolean lineBreaksAllowed) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new IllegalArgumentException(field + " has at most " + max + " characters");
        }
        boolean control = stripped.codePoints().anyMatch(c -> Character.isISOControl(c)
                && !(lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t')));
        if (control) {
            throw new IllegalArgumentException(field + " must not contain control characters"
                    + (lineBreaksAllowed ? " other than line breaks and tabs" : ""));
        }
        return stripped;
    }
}
