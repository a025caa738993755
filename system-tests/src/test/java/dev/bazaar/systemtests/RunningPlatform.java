package dev.bazaar.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.bazaar.launcher.LauncherConfig;
import dev.bazaar.launcher.Platform;
import dev.bazaar.launcher.ProgressListener;

/**
 * One platform for the whole system-test JVM: starting seven JVMs, Kafka and PostgreSQL costs
 * half a minute on two cores, so every test class shares it. It is stopped when the JVM exits.
 * Tests that break it (drills) leave it healthy again.
 */
final class RunningPlatform {

    /** Far from the defaults, so a developer's own running platform is left alone. */
    static final int PORT_OFFSET = 10_000;

    private static Platform platform;
    private static Instant upAt;
    private static final RenewedToken STAFF = new RenewedToken(() -> get().staffToken());

    private RunningPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            Path root = LauncherConfig.findRepoRoot(Path.of("").toAbsolutePath());
            Path home = root.resolve("system-tests/target/bazaar");
            deleteRecursively(home);
            DrillReport.reset();
            LauncherConfig config = LauncherConfig.builder(root)
                    .home(home)
                    .portOffset(PORT_OFFSET)
                    .buildIfStale(false)
                    .stopOnExit(true)
                    // Its home is thrown away, and JVMs writing their archives would stop tens of seconds later:
                    // failsafe ends this JVM 30 s after it exits, in the middle of stopping them.
                    .classDataArchives(false)
                    // A quicker carrier keeps the drills short.
                    .environment("fulfillment", "FULFILLMENT_CARRIER_SHIPAFTER", "1s")
                    .environment("fulfillment", "FULFILLMENT_CARRIER_DELIVERAFTER", "1s")
                    // The console's alerts sixty times faster (an hour's window is a minute), read every 2 s, so that
                    // a drill sees an alert fire and resolve in a minute or two.
                    .environment("console", "CONSOLE_ALERTING_SPEED_UP", "60")
                    .environment("console", "CONSOLE_SCRAPE_INTERVAL", "2s")
                    .build();
            platform = Platform.start(config, ProgressListener.printingTo(System.out));
            upAt = Instant.now();
        }
        return platform;
    }

    /** When the platform had started: every process healthy, the first events settled. */
    static Instant upAt() {
        get();
        return upAt;
    }

    /** The gateway as an anonymous caller. */
    static Gateway gateway() {
        return new Gateway(get().gatewayUrl());
    }

    /** The gateway as the platform's staff account: catalog and stock writes, and anyone's orders. */
    static Gateway staff() {
        return gateway().signedIn(STAFF);
    }

    /** The operations console, as the staff account reads it. */
    static Console console() {
        return new Console(get().applicationUrl("console"), new Gateway(get().applicationUrl("console")).signedIn(STAFF));
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
