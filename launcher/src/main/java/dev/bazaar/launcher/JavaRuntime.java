package dev.bazaar.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code java} that runs Kafka and the applications, and the flags that suit a small machine. */
final class JavaRuntime {

    private static final Pattern VERSION = Pattern.compile("version \"(1\\.)?(\\d+)");

    private final Path executable;
    private int featureVersion;

    JavaRuntime(Path executable) {
        this.executable = executable;
    }

    Path executable() {
        return executable;
    }

    /** The major version; asks the executable only when it is not the one running the launcher. */
    synchronized int featureVersion() {
        if (featureVersion == 0) {
            Path current = Path.of(System.getProperty("java.home"), "bin", "java");
            featureVersion = executable.equals(current) ? Runtime.version().feature() : probe(executable);
        }
        return featureVersion;
    }

    /**
     * A class-data-sharing archive that creates itself on first exit and is reused after: the single
     * biggest start-up gain on two cores, but {@code -XX:+AutoCreateSharedArchive} exists only from Java 19.
     */
    boolean supportsAutoCreatedArchive() {
        return featureVersion() >= 19;
    }

    /** Parses the output of {@code java -version}: {@code openjdk version "25.0.1"} is 25, {@code "1.8.0"} is 8. */
    static int parseFeatureVersion(String versionOutput) {
        Matcher matcher = VERSION.matcher(versionOutput);
        if (!matcher.find()) {
            throw new LauncherException("Cannot tell the Java version from: " + versionOutput.lines().findFirst().orElse(""));
        }
        return Integer.parseInt(matcher.group(2));
    }

    private static int probe(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "-version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return parseFeatureVersion(output);
        } catch (IOException e) {
            throw new LauncherException("Cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while checking " + executable);
        }
    }
}
