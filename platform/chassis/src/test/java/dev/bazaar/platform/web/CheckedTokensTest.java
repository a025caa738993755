package dev.bazaar.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> checked = new ArrayList<>();
    /** Checks a token as the real decoder would, counting each check: "bad..." fails, others expire in 15 minutes. */
    private final JwtDecoder checker = token -> {
        checked.add(token);
        if (token.startsWith("bad")) {
            throw new BadJwtException("signature invalid");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice").issuedAt(NOW)
                .expiresAt(token.startsWith("short") ? NOW.plusSeconds(30) : NOW.plus(Duration.ofMinutes(15))).build();
    };
    private final CheckedTokens tokens = new CheckedTokens(checker, nanos::get, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenIsCheckedOnceThenTakenAsItPassedUntilFiveMinutesHaveGone() {
        Jwt first = tokens.decode("token-a");
        elapse(Duration.ofMinutes(4));
        assertThat(tokens.decode("token-a")).isSameAs(first);
        assertThat(checked).containsExactly("token-a");

        elapse(Duration.ofMinutes(1));
        tokens.decode("token-a");
        assertThat(checked).as("checked again after five minutes").containsExactly("token-a", "token-a");
    }

    @Test
    void aTokenThatExpiresSoonerIsKeptOnlyUntilItExpires() {
        tokens.decode("short-lived");
        elapse(Duration.ofSeconds(31));
        tokens.decode("short-lived");
        assertThat(checked).containsExactly("short-lived", "short-lived");
    }

    @Test
    void aTokenThatFailsIsNotKeptAndFailsEveryTime() {
        assertThatThrownBy(() -> tokens.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThat(checked).containsExactly("bad-token", "bad-token");
    }

    @Test
    void anotherTokenOfTheSameShopperIsCheckedOnItsOwn() {
        tokens.decode("token-a");
        tokens.decode("token-b");
        assertThat(checked).containsExactly("token-a", "token-b");
    }

    @Test
    void howLongATokenIsKept() {
        assertThat(CheckedTokens.keptFor(NOW.plusSeconds(90), NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(CheckedTokens.keptFor(NOW.plus(Duration.ofHours(1)), NOW)).isEqualTo(CheckedTokens.LONGEST);
        assertThat(CheckedTokens.keptFor(NOW.minusSeconds(10), NOW)).as("already expired (passed within the clock skew)").isZero();
        assertThat(CheckedTokens.keptFor(null, NOW)).isEqualTo(CheckedTokens.LONGEST);
    }

    private void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
