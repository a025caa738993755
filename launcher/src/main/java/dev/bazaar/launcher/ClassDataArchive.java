package dev.bazaar.launcher;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;

/**
 * A JVM's class-data-sharing archive: the classes it loaded and verified last time, mapped at its next start instead of
 * loaded again (catalog on Java 17, to its context refreshed: 4.4 instead of 7.8 s of CPU). A JVM writes the archive
 * when it exits. Java 19+ checks and rewrites it by itself ({@code -XX:+AutoCreateSharedArchive}); earlier JVMs write
 * one only when told to ({@code -XX:ArchiveClassesAtExit}) and silently run without one that does not fit, so for them
 * the launcher asks for a new archive until there is a complete one newer than the class path.
 */
final class ClassDataArchive {

    /**
     * The first four bytes of a dynamic archive, little-endian. The JVM writes the header last: an archive cut short by
     * a JVM killed while writing it begins with zeros.
     */
    private static final int DYNAMIC_ARCHIVE_MAGIC = 0xf00baba8;

    private ClassDataArchive() {
    }

    /**
     * The JVM options that use {@code archive}, or have the JVM write it.
     *
     * @param classPath the jars the archive is made from, or files written when they changed
     */
    static List<String> options(Path archive, List<Path> classPath) throws IOException {
        Files.createDirectories(archive.getParent());
        if (Runtime.version().feature() >= 19) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive");
        }
        if (complete(archive) && newerThanAll(archive, classPath)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        Files.deleteIfExists(archive);
        return List.of("-XX:ArchiveClassesAtExit=" + archive);
    }

    /** Whether the JVM of {@code process} was told to write its archive when it exits. */
    static boolean writtenAtExit(ProcessHandle process) {
        return process.info().arguments().stream().flatMap(Arrays::stream)
                .anyMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit="));
    }

    private static boolean newerThanAll(Path archive, List<Path> classPath) throws IOException {
        FileTime written = Files.getLastModifiedTime(archive);
        for (Path jar : classPath) {
            if (Files.getLastModifiedTime(jar).compareTo(written) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean complete(Path archive) throws IOException {
        if (!Files.isRegularFile(archive)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(archive)) {
            return Integer.reverseBytes(new DataInputStream(in).readInt()) == DYNAMIC_ARCHIVE_MAGIC;
        } catch (EOFException e) {
            return false;
        }
    }
}
