package dev.bazaar.platform.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IssuerKeysTest {

    private static final String URI = "http://127.0.0.1:8080/oauth2/jwks";
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    private Instant now = T0;
    private final IssuerKeys keys = new IssuerKeys(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    /** What identity answers, one read after another; an exception stands for identity away. */
    private final Deque<Object> answers = new ArrayDeque<>();
    private int reads;

    private final Callable<String> identity = () -> {
        reads++;
        Object answer = answers.removeFirst();
        if (answer instanceof Exception e) {
            throw e;
        }
        return (String) answer;
    };

    @Test
    void theKeysAreReadOnceAndKeptUntilTheyAreOld() {
        answers.add("{old}");
        answers.add("{withdrawn}");

        assertThat(keys.get(URI, identity)).isEqualTo("{old}");
        now = T0.plus(IssuerKeys.MAX_AGE).minusSeconds(1);
        assertThat(keys.get(URI, identity)).isEqualTo("{old}");
        assertThat(reads).isEqualTo(1);

        // Old: read again, so that a key identity withdrew meanwhile is no longer trusted.
        now = T0.plus(IssuerKeys.MAX_AGE);
        assertThat(keys.get(URI, identity)).isEqualTo("{withdrawn}");
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void keysThatCannotBeReadAgainAreKeptAndTriedAgainLater() {
        answers.add("{keys}");
        answers.add(new IllegalStateException("connection refused"));
        answers.add("{keys, new}");
        keys.get(URI, identity);

        now = T0.plus(IssuerKeys.MAX_AGE);
        assertThat(keys.get(URI, identity)).isEqualTo("{keys}");
        now = now.plus(IssuerKeys.RETRY_AFTER).minusSeconds(1);
        assertThat(keys.get(URI, identity)).isEqualTo("{keys}");
        assertThat(reads).isEqualTo(2);

        now = now.plusSeconds(1);
        assertThat(keys.get(URI, identity)).isEqualTo("{keys, new}");
    }

    /** A token naming a key not held (a rotation, or one made up) makes the next look read again, but empties nothing. */
    @Test
    void anUnknownKeyMakesTheNextLookReadAgainAndAFailedReadKeepsTheKeys() {
        answers.add("{keys}");
        answers.add(new IllegalStateException("identity restarting"));
        answers.add("{keys, rotated}");
        keys.get(URI, identity);

        keys.invalidate();
        assertThat(keys.get(URI, identity)).isEqualTo("{keys}");
        assertThat(keys.get(URI, String.class)).isEqualTo("{keys}");
        keys.invalidate();
        assertThat(keys.get(URI, identity)).isEqualTo("{keys, rotated}");
        assertThat(reads).isEqualTo(3);
    }

    @Test
    void withNothingReadYetAFailedReadIsAFailure() {
        answers.add(new IllegalStateException("connection refused"));

        assertThatThrownBy(() -> keys.get(URI, identity)).isInstanceOf(Cache.ValueRetrievalException.class)
                .hasRootCauseMessage("connection refused");
        assertThat(keys.get(URI)).isNull();
    }
}
