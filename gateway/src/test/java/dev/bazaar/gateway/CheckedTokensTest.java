package dev.bazaar.gateway;

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
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> checked = new ArrayList<>();
    /** Checks a token as the real decoder would, counting each check: "bad..." fails, "short..." expires in 30 s. */
    private final ReactiveJwtDecoder checker = token -> Mono.defer(() -> {
        checked.add(token);
        return token.startsWith("bad") ? Mono.error(new BadJwtException("signature invalid"))
                : Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("alice").issuedAt(NOW)
                        .expiresAt(NOW.plus(token.startsWith("short") ? Duration.ofSeconds(30) : Duration.ofMinutes(15))).build());
    });
    private final CheckedTokens tokens = new CheckedTokens(checker, nanos::get, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenIsCheckedOnceAndKeptAtMostFiveMinutesOrUntilItExpires() {
        Jwt first = tokens.decode("token-a").block();
        tokens.decode("short-lived").block();
        nanos.addAndGet(Duration.ofMinutes(4).toNanos());
        assertThat(tokens.decode("token-a").block()).isSameAs(first);
        tokens.decode("short-lived").block();
        assertThat(checked).containsExactly("token-a", "short-lived", "short-lived");

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        tokens.decode("token-a").block();
        assertThat(checked).containsExactly("token-a", "short-lived", "short-lived", "token-a");
    }

    @Test
    void aTokenThatFailsIsNotKeptAndFailsEveryTime() {
        assertThatThrownBy(() -> tokens.decode("bad-token").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad-token").block()).isInstanceOf(BadJwtException.class);
        assertThat(checked).containsExactly("bad-token", "bad-token");
    }

    @Test
    void howLongATokenIsKept() {
        assertThat(CheckedTokens.keptFor(NOW.plusSeconds(90), NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(CheckedTokens.keptFor(NOW.plus(Duration.ofHours(1)), NOW)).isEqualTo(CheckedTokens.LONGEST);
        assertThat(CheckedTokens.keptFor(NOW.minusSeconds(10), NOW)).as("already expired (passed within the clock skew)").isZero();
    }
}
