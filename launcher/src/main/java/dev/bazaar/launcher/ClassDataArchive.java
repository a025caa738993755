package dev.bazaar.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JVM's class-data-sharing archive: the classes it loaded and verified last time, mapped at its next start instead of
 * loaded again (catalog on Java 17, to its context refreshed: 4.4 instead of 7.8 s of CPU). A JVM writes the archive
 * when it exits.
 * <p>
 * Java 19+ checks and rewrites it by itself ({@code -XX:+AutoCreateSharedArchive}), except one cut short by a JVM
 * killed while writing it, which the launcher deletes. Java 17 writes one only when told to
 * ({@code -XX:ArchiveClassesAtExit}), and runs silently without an archive that does not fit its jars, its JVM or its
 * options; so beside each archive the launcher keeps what it was asked for ({@code <archive>.from}: the jars, the java,
 * the options) and asks for a new archive when that changed or the archive is incomplete. Java 17 also refuses to start
 * with {@code ArchiveClassesAtExit} in some setups (no base archive in the JDK, {@code -Xshare:off}, an agent), which is
 * tried once per java and options: there, the JVM runs without an archive.
 * <p>
 * The instances of a service share one archive: one of them (the first, {@code ordering}) writes it, so that two JVMs
 * never write the same file; the others ({@code ordering-2}) map it when it is there and fits, and run without it
 * otherwise. So an instance added by a scale or a rolling restart starts with the classes its service loaded before.
 */
final class ClassDataArchive {

    /**
     * The first four bytes of a dynamic archive, in the machine's byte order. The JVM writes the header last: an
     * archive cut short by a JVM killed while writing it begins with zeros.
     */
    private static final int DYNAMIC_ARCHIVE_MAGIC = 0xf00baba8;
    private static final String WRITE_AT_EXIT = "-XX:ArchiveClassesAtExit=";

    /**
     * How long a JVM that writes its archive as it exits may take to stop: the whole platform's took 45 s on two cores
     * (seven services writing about 90 MB each at once), on top of their usual stop.
     */
    private static final Duration STOP_GRACE_WHILE_WRITING = Duration.ofMinutes(3);

    /** Whether a java with these options can write an archive at exit, by its command up to the archive options. */
    private static final Map<List<String>, Boolean> WRITABLE = new ConcurrentHashMap<>();

    private ClassDataArchive() {
    }

    /**
     * The options that make a JVM use {@code archive}, or write it; none when this JVM cannot write one, or is not the
     * writer and finds no archive that fits.
     *
     * @param jvm      the java and every JVM option it gets
     * @param madeFrom the class path the archive is made of, said so that it changes when a jar does
     * @param writer   whether this JVM writes the archive when it is missing or does not fit (one JVM at a time)
     */
    static List<String> options(Path archive, List<String> jvm, String madeFrom, boolean writer) throws IOException {
        Files.createDirectories(archive.getParent());
        if (!writer) {
            // Java 19+ maps it only if it fits, and runs without it otherwise; on Java 17 the launcher checks.
            return complete(archive) && (Runtime.version().feature() >= 19 || fits(archive, jvm, madeFrom))
                    ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
        }
        if (!complete(archive)) {
            // Java 25 too takes an archive without its header for a broken base archive, and runs without writing one.
            Files.deleteIfExists(archive);
        }
        if (Runtime.version().feature() >= 19) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive");
        }
        if (fits(archive, jvm, madeFrom)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        Files.deleteIfExists(archive);
        Path asked = asked(archive);
        if (!WRITABLE.computeIfAbsent(jvm, tried -> canWrite(tried, archive.getParent()))) {
            Files.deleteIfExists(asked);
            return List.of();
        }
        Files.writeString(asked, wanted(jvm, madeFrom), StandardCharsets.UTF_8);
        return List.of(WRITE_AT_EXIT + archive);
    }

    /** Whether the archive is there and was asked for with this class path, these options and this JVM (Java 17). */
    private static boolean fits(Path archive, List<String> jvm, String madeFrom) throws IOException {
        Path asked = asked(archive);
        return Files.exists(archive) && Files.isRegularFile(asked) && Files.readString(asked).equals(wanted(jvm, madeFrom));
    }

    private static Path asked(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".from");
    }

    private static String wanted(List<String> jvm, String madeFrom) {
        return madeFrom + "\n" + String.join(" ", jvm) + "\n" + System.getProperty("java.vm.version") + "\n";
    }

    /** Whether the JVM of {@code pid} was told to write its archive when it exits, which makes its stop slower. */
    static boolean writtenAtExit(long pid) {
        return OsProcesses.commandLine(pid).contains(WRITE_AT_EXIT);
    }

    /** How long the JVM of {@code process} may take to stop: {@code usual}, or longer while it writes its archive. */
    static Duration stopGrace(ProcessHandle process, Duration usual) {
        return writtenAtExit(process.pid()) ? STOP_GRACE_WHILE_WRITING : usual;
    }

    /** Tries it with {@code -version}; what the JVM said is kept in {@code probe.log} beside the archives. */
    private static boolean canWrite(List<String> jvm, Path directory) {
        try {
            Path probe = Files.createTempFile(directory, "probe", ".jsa");
            try {
                Files.delete(probe);
                List<String> command = new ArrayList<>(jvm);
                command.addAll(List.of(WRITE_AT_EXIT + probe, "-version"));
                return OsProcesses.run("trying a class-data archive", command, directory, directory.resolve("probe.log"),
                        Duration.ofSeconds(30)).orElse(-1) == 0;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean complete(Path archive) throws IOException {
        if (!Files.isRegularFile(archive)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(archive)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && ByteBuffer.wrap(head).order(ByteOrder.nativeOrder()).getInt() == DYNAMIC_ARCHIVE_MAGIC;
        }
    }
}
