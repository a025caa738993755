package dev.bazaar.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * An access token signed in for again before it expires: identity's tokens live 10 minutes, and a test run (the drills
 * above all) outlasts that.
 */
final class RenewedToken implements Supplier<String> {

    private static final Duration RENEW_AFTER = Duration.ofMinutes(5);
    private static final Duration USABLE_FOR = Duration.ofMinutes(9);

    private final Supplier<String> signIn;
    private String token;
    private Instant signedInAt = Instant.MIN;

    RenewedToken(Supplier<String> signIn) {
        this.signIn = signIn;
    }

    @Override
    public synchronized String get() {
        if (token == null || Instant.now().isAfter(signedInAt.plus(RENEW_AFTER))) {
            try {
                token = signIn.get();
                signedInAt = Instant.now();
            } catch (RuntimeException e) {
                // A drill may have identity away for a moment; the token in hand still serves until near its expiry.
                if (token == null || Instant.now().isAfter(signedInAt.plus(USABLE_FOR))) {
                    throw e;
                }
            }
        }
        return token;
    }
}
