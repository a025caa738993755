package dev.bazaar.identity.account;

/**
 * What a password must be (NIST SP 800-63B): long enough, not absurdly long (the hash's cost grows with it), and not
 * the account's own address. No rules of composition: they make passwords weaker, not stronger.
 */
public final class Password {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private Password() {
    }

    /** Refuses a password that breaks a rule, saying which. */
    public static void check(String password, EmailAddress email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new IllegalArgumentException("A password has at least " + MIN_LENGTH + " characters");
        }
        if (password.codePointCount(0, password.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("A password has at most " + MAX_LENGTH + " characters");
        }
        if (password.strip().equalsIgnoreCase(email.value()) || password.strip().equalsIgnoreCase(email.value().substring(0, email.value().indexOf('@')))) {
            throw new IllegalArgumentException("A password may not be the account's e-mail address");
        }
    }
}
