package dev.bazaar.launcher;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Real processes: an ended one whose parent has not reaped it (a zombie) has exited, though the JDK says it is alive. */
class OsProcessesIT {

    @Test
    void aZombieHasExitedAndIsNoLongerLive() throws Exception {
        // The shell starts a short sleep, then becomes a long one that never reaps it: the short one ends a zombie.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.2 & exec sleep 30").start();
        try {
            assertThat(Poll.until(Duration.ofSeconds(5), Duration.ofMillis(10), () -> parent.toHandle().children().findAny().isPresent()))
                    .as("the short sleep started").isTrue();
            ProcessHandle child = parent.toHandle().children().findFirst().orElseThrow();
            assertThat(OsProcesses.exited(child)).as("running").isFalse();
            assertThat(OsProcesses.live(child.pid())).as("live while running").isPresent();

            assertThat(OsProcesses.awaitExit(child, Duration.ofSeconds(5))).as("seen to exit").isTrue();
            assertThat(child.isAlive()).as("the JDK's view of a zombie").isTrue();
            assertThat(OsProcesses.live(child.pid())).as("live once a zombie").isEmpty();
            assertThat(OsProcesses.exited(parent.toHandle())).as("its parent, still running").isFalse();
        } finally {
            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
