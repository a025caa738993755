package dev.bazaar.platform.work;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

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
