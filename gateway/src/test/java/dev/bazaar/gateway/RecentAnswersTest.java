package dev.bazaar.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentAnswersTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T10:00:00Z"));

    @Test
    void returnsTheLatestAnswerWithItsAge() {
        RecentAnswers answers = new RecentAnswers(10, 1_000, Duration.ofHours(1), clock);
        answers.put("/a", bytes("old"), "application/json");
        clock.advance(Duration.ofSeconds(5));
        answers.put("/a", bytes("new"), "application/json");
        clock.advance(Duration.ofSeconds(7));

        RecentAnswers.Answer answer = answers.get("/a").orElseThrow();

        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("new");
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.ageAt(clock.instant())).isEqualTo(Duration.ofSeconds(7));
        assertThat(answers.size()).isEqualTo(1);
        assertThat(answers.bytes()).isEqualTo(3);
    }

    @Test
    void forgetsTheLeastRecentlyUsedAnswerBeyondMaxEntries() {
        RecentAnswers answers = new RecentAnswers(2, 1_000, Duration.ofHours(1), clock);
        answers.put("/a", bytes("a"), null);
        answers.put("/b", bytes("b"), null);
        answers.get("/a");

        answers.put("/c", bytes("c"), null);

        assertThat(answers.get("/b")).isEmpty();
        assertThat(answers.get("/a")).isPresent();
        assertThat(answers.get("/c")).isPresent();
    }

    @Test
    void forgetsOldAnswersUntilTheBodiesFitMaxBytes() {
        RecentAnswers answers = new RecentAnswers(100, 10, Duration.ofHours(1), clock);
        answers.put("/a", bytes("aaaa"), null);
        answers.put("/b", bytes("bbbb"), null);

        answers.put("/c", bytes("cccc"), null);

        assertThat(answers.get("/a")).isEmpty();
        assertThat(answers.get("/b")).isPresent();
        assertThat(answers.get("/c")).isPresent();
        assertThat(answers.bytes()).isEqualTo(8);
    }

    @Test
    void ignoresABodyLargerThanTheWholeBudget() {
        RecentAnswers answers = new RecentAnswers(100, 10, Duration.ofHours(1), clock);
        answers.put("/a", bytes("aaaa"), null);

        answers.put("/huge", bytes("x".repeat(11)), null);

        assertThat(answers.get("/huge")).isEmpty();
        assertThat(answers.get("/a")).isPresent();
        assertThat(answers.fits(11)).isFalse();
    }

    @Test
    void neverServesAnAnswerOlderThanMaxAge() {
        RecentAnswers answers = new RecentAnswers(10, 1_000, Duration.ofHours(1), clock);
        answers.put("/a", bytes("a"), null);

        clock.advance(Duration.ofMinutes(60));
        assertThat(answers.get("/a")).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(answers.get("/a")).isEmpty();
        assertThat(answers.size()).isZero();
        assertThat(answers.bytes()).isZero();
    }

    @Test
    void refusesABudgetWithoutRoom() {
        assertThatThrownBy(() -> new RecentAnswers(0, 10, Duration.ofHours(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentAnswers(10, 10, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
