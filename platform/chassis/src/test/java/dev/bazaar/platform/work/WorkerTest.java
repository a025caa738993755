package dev.bazaar.platform.work;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerTest {

    private static final Duration LONG = Duration.ofHours(1);

    private Worker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void aFailedStepIsTriedAgainAndTheWorkerStaysHealthy() throws Exception {
        CountDownLatch third = new CountDownLatch(3);
        worker = new Worker("flaky", Duration.ofMillis(1), () -> {
            third.countDown();
            throw new IllegalStateException("the database is away");
        });
        worker.start();

        assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.trouble()).isNull();
        assertThat(health(worker).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aWorkerWhoseThreadDiesMakesTheProcessNotLive() throws Exception {
        worker = new Worker("doomed", Duration.ofMillis(1), () -> {
            throw new InternalError("the JVM cannot go on");
        });
        worker.start();

        awaitTrouble(worker);
        assertThat(worker.trouble()).startsWith("died: java.lang.InternalError");
        assertThat(health(worker).getStatus()).isEqualTo(Status.DOWN);
        assertThat(health(worker).getDetails()).containsKey("doomed");
    }

    @Test
    void aStepThatNeverReturnsIsSeenAsStuck() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        worker = new Worker("stuck", Duration.ofMillis(1), () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }, Duration.ofMillis(50), 0);
        worker.start();

        awaitTrouble(worker);
        assertThat(worker.trouble()).startsWith("stuck in a step since");
    }

    @Test
    void aWakeUpRunsTheNextStepWithoutWaitingForTheInterval() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        worker = new Worker("sleepy", LONG, () -> {
            first.countDown();
            second.countDown();
            return false;
        });
        worker.start();
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();

        worker.wakeUp();

        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStepThatReportsMoreWorkIsFollowedAtOnce() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        worker = new Worker("busy", LONG, () -> {
            three.countDown();
            return steps.incrementAndGet() < 3;
        });
        worker.start();

        assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRoundThatSaysWhenTheNextIsDueIsRunThenNotAtTheLongestPause() throws Exception {
        List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        worker = new Worker("scheduled", Duration.ZERO, LONG, () -> {
            starts.add(System.nanoTime());
            two.countDown();
            return starts.size() == 1 ? Instant.now().plusMillis(300) : null;
        }, LONG, 0);
        worker.start();

        assertThat(two.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(starts.get(1) - starts.get(0))).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
    }

    @Test
    void aWakeUpRunsTheNextRoundOnlyOnceTheShortestPauseIsOver() throws Exception {
        List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        worker = new Worker("held back", Duration.ofMillis(400), LONG, () -> {
            starts.add(System.nanoTime());
            first.countDown();
            second.countDown();
            return null;
        }, LONG, 0);
        worker.start();
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();

        worker.wakeUp();

        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(starts.get(1) - starts.get(0))).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
    }

    @Test
    void everyTimeAskedForIsKeptAndNoneIsRunEarly() throws Exception {
        List<Instant> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch third = new CountDownLatch(3);
        worker = new Worker("asked", Duration.ZERO, LONG, () -> {
            starts.add(Instant.now());
            first.countDown();
            third.countDown();
            return null;
        }, LONG, 0);
        worker.start();
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        Instant soon = Instant.now().plusMillis(300);
        Instant later = Instant.now().plusMillis(700);

        worker.wakeUpBy(later);
        worker.wakeUpBy(soon);

        assertThat(third.await(5, TimeUnit.SECONDS)).as("a round at each time asked for").isTrue();
        assertThat(starts.get(1)).isAfterOrEqualTo(soon);
        assertThat(starts.get(2)).isAfterOrEqualTo(later);
    }

    @Test
    void aTimeOneRoundNamedIsKeptWhenAWakeUpRunsAnotherRoundBeforeIt() throws Exception {
        List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        CountDownLatch third = new CountDownLatch(3);
        worker = new Worker("planning", Duration.ZERO, LONG, () -> {
            starts.add(System.nanoTime());
            first.countDown();
            second.countDown();
            third.countDown();
            // Only the first round knows of work due later (a retry after its backoff, say).
            return starts.size() == 1 ? Instant.now().plusMillis(800) : null;
        }, LONG, 0);
        worker.start();
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();

        worker.wakeUp();
        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(third.await(5, TimeUnit.SECONDS)).as("the round due 800 ms after the first").isTrue();
        assertThat(Duration.ofNanos(starts.get(2) - starts.get(0))).isBetween(Duration.ofMillis(750), Duration.ofSeconds(4));
    }

    @Test
    void aShortestPauseLongerThanTheLongestIsRefused() {
        assertThatThrownBy(() -> new Worker("backwards", Duration.ofSeconds(2), Duration.ofSeconds(1), () -> null, LONG, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shortest pause");
    }

    @Test
    void aWorkerStoppedOnPurposeIsNoTrouble() {
        worker = new Worker("retiring", LONG, () -> false);
        worker.start();
        worker.stop();

        assertThat(worker.trouble()).isNull();
        assertThat(health(worker).getStatus()).isEqualTo(Status.UP);
    }

    private static Health health(Worker worker) {
        return new WorkersHealth(List.of(worker), null).health();
    }

    private static void awaitTrouble(Worker worker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (worker.trouble() == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
