package dev.bazaar.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What the drills did and found, one line at a time: printed, and kept in target/drills.txt for the closing note. */
final class DrillReport {

    static final Path FILE = Path.of("target", "drills.txt");

    private DrillReport() {
    }

    /** Starts a fresh report: once per test JVM, with the platform. */
    static void reset() {
        try {
            Files.deleteIfExists(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void append(String line) {
        System.out.println("[drill] " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
