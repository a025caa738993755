package dev.bazaar.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.AutoComplete;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs real JVMs with the options the launcher gives them: the archive is written, then used, and renewed when stale. */
class ClassDataArchiveIT {

    private static final boolean JVM_KEEPS_IT = Runtime.version().feature() >= 19;

    @TempDir
    Path directory;

    @Test
    void anArchiveIsWrittenAtExitThenMappedAndWrittenAgainWhenItsJarChanges() throws Exception {
        Path jar = Files.copy(Path.of(AutoComplete.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                directory.resolve("picocli.jar"));
        Path archive = directory.resolve("cds").resolve("app.jsa");

        List<String> first = ClassDataArchive.options(archive, List.of(jar));
        assertThat(first).containsExactlyElementsOf(JVM_KEEPS_IT
                ? List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive")
                : List.of("-XX:ArchiveClassesAtExit=" + archive));
        run(first, jar);
        assertThat(archive).isRegularFile();

        // -Xshare:on: a JVM that cannot map the archive refuses to start.
        List<String> second = ClassDataArchive.options(archive, List.of(jar));
        assertThat(second).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(run(concat(second, "-Xshare:on"), jar)).isZero();
        if (JVM_KEEPS_IT) {
            return;
        }

        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(archive).toInstant().plusSeconds(1)));
        assertThat(ClassDataArchive.options(archive, List.of(jar))).containsExactly("-XX:ArchiveClassesAtExit=" + archive);
        assertThat(archive).doesNotExist();
    }

    @Test
    void anArchiveCutShortIsWrittenAgain() throws Exception {
        Path jar = Files.copy(Path.of(AutoComplete.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                directory.resolve("picocli.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path archive = directory.resolve("cds").resolve("app.jsa");
        Files.createDirectories(archive.getParent());
        // What a JVM killed while writing leaves: the regions, and zeros where the header goes last.
        Files.write(archive, new byte[64 * 1024]);
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(archive).toInstant().minusSeconds(60)));

        List<String> options = ClassDataArchive.options(archive, List.of(jar));

        if (JVM_KEEPS_IT) {
            assertThat(options).contains("-XX:+AutoCreateSharedArchive");
        } else {
            assertThat(options).containsExactly("-XX:ArchiveClassesAtExit=" + archive);
            assertThat(archive).doesNotExist();
        }
        run(options, jar);
        assertThat(ClassDataArchive.options(archive, List.of(jar))).contains("-XX:SharedArchiveFile=" + archive);
    }

    /** Runs picocli's completion-script generator, a main class in a plain jar, which prints its usage and exits. */
    private int run(List<String> options, Path jar) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        command.addAll(options);
        command.addAll(List.of("-Xlog:disable", "-cp", jar.toString(), AutoComplete.class.getName(), "--help"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("jvm.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM exits").isTrue();
        return process.exitValue();
    }

    private static List<String> concat(List<String> options, String option) {
        List<String> all = new ArrayList<>(options);
        all.add(option);
        return all;
    }
}
