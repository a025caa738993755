package dev.bazaar.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.bazaar.launcher.LauncherConfig;
import dev.bazaar.launcher.Platform;

/** The launcher's command line, {@code ./bazaar ...}, run as a user runs it, on the tests' platform. */
final class Cli {

    private Cli() {
    }

    /** Runs it, checks it exits 0 within the time, and returns what it printed. */
    static List<String> bazaar(Platform platform, Duration atMost, String... args) throws IOException, InterruptedException {
        Path root = LauncherConfig.findRepoRoot(Path.of("").toAbsolutePath());
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("bazaar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("BAZAAR_HOME", platform.config().home().toString());
        builder.environment().put("BAZAAR_PORT_OFFSET", Integer.toString(RunningPlatform.PORT_OFFSET));
        // To a file, not a pipe read to its end: a command that hangs must fail the test when its time is up.
        Path printed = Files.createTempFile("bazaar-cli", ".out");
        try {
            Process process = builder.redirectOutput(printed.toFile()).start();
            boolean ended = process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                // The launcher first, so that it starts nothing more, then what it had started.
                List<ProcessHandle> started = process.descendants().toList();
                process.destroyForcibly();
                started.forEach(ProcessHandle::destroyForcibly);
            }
            String out = new String(Files.readAllBytes(printed), StandardCharsets.UTF_8);
            assertThat(ended).as("./bazaar " + String.join(" ", args) + " ended within " + atMost + "; it printed:\n" + out).isTrue();
            assertThat(process.exitValue()).as("./bazaar " + String.join(" ", args) + " printed:\n" + out).isZero();
            return out.lines().toList();
        } finally {
            Files.deleteIfExists(printed);
        }
    }
}
