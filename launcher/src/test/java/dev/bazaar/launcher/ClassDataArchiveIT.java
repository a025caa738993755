package dev.bazaar.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.AutoComplete;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs real JVMs with the options the launcher gives them: the archive is written, then mapped, and asked for again
 * when what it was made from changed; a JVM that cannot write one runs without.
 */
class ClassDataArchiveIT {

    private static final boolean JVM_KEEPS_IT = Runtime.version().feature() >= 19;
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

    @TempDir
    Path directory;

    @Test
    void anArchiveIsWrittenAtExitThenMappedAndAskedForAgainWhenItsJarsChange() throws Exception {
        Path jar = picocli();
        Path archive = directory.resolve("cds").resolve("app.jsa");
        List<String> jvm = List.of(JAVA, "-Xss512k");

        List<String> first = ClassDataArchive.options(archive, jvm, "picocli 1", true);
        assertThat(first).containsExactlyElementsOf(JVM_KEEPS_IT
                ? List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive")
                : List.of("-XX:ArchiveClassesAtExit=" + archive));
        run(jvm, first, jar);
        assertThat(archive).isRegularFile();

        // -Xshare:on: a JVM that cannot map the archive refuses to start.
        List<String> second = ClassDataArchive.options(archive, jvm, "picocli 1", true);
        assertThat(second).contains("-XX:SharedArchiveFile=" + archive).doesNotContain("-XX:ArchiveClassesAtExit=" + archive);
        run(jvm, concat(second, "-Xshare:on"), jar);
        if (JVM_KEEPS_IT) {
            return;
        }

        assertThat(ClassDataArchive.options(archive, jvm, "picocli 2", true)).containsExactly("-XX:ArchiveClassesAtExit=" + archive);
        assertThat(archive).doesNotExist();
        run(jvm, List.of("-XX:ArchiveClassesAtExit=" + archive), jar);
        assertThat(ClassDataArchive.options(archive, List.of(JAVA, "-Xss1m"), "picocli 2", true))
                .as("other JVM options").containsExactly("-XX:ArchiveClassesAtExit=" + archive);
    }

    @Test
    void theOtherInstancesMapTheArchiveOfTheFirstAndNeverWriteIt() throws Exception {
        Path jar = picocli();
        Path archive = directory.resolve("cds").resolve("app.jsa");
        List<String> jvm = List.of(JAVA, "-Xss512k");
        assertThat(ClassDataArchive.options(archive, jvm, "picocli 1", false)).as("no archive yet").isEmpty();

        run(jvm, ClassDataArchive.options(archive, jvm, "picocli 1", true), jar);
        List<String> second = ClassDataArchive.options(archive, jvm, "picocli 1", false);
        assertThat(second).containsExactly("-XX:SharedArchiveFile=" + archive);
        run(jvm, concat(second, "-Xshare:on"), jar);

        if (!JVM_KEEPS_IT) {
            assertThat(ClassDataArchive.options(archive, jvm, "picocli 2", false)).as("made of other jars").isEmpty();
            assertThat(archive).as("left for the first instance to write again").exists();
        }
    }

    @Test
    void anArchiveCutShortIsAskedForAgain() throws Exception {
        Path jar = picocli();
        Path archive = directory.resolve("cds").resolve("app.jsa");
        List<String> jvm = List.of(JAVA);
        ClassDataArchive.options(archive, jvm, "picocli 1", true);
        // What a JVM killed while writing leaves: the regions, and zeros where the header goes last.
        Files.write(archive, new byte[64 * 1024]);

        List<String> options = ClassDataArchive.options(archive, jvm, "picocli 1", true);

        if (JVM_KEEPS_IT) {
            assertThat(options).contains("-XX:+AutoCreateSharedArchive");
        } else {
            assertThat(options).containsExactly("-XX:ArchiveClassesAtExit=" + archive);
            assertThat(archive).doesNotExist();
        }
        run(jvm, options, jar);
        run(jvm, concat(ClassDataArchive.options(archive, jvm, "picocli 1", true), "-Xshare:on"), jar);
    }

    @Test
    void aJvmThatCannotWriteAnArchiveRunsWithout() throws Exception {
        Path archive = directory.resolve("cds").resolve("app.jsa");
        // Java 17 refuses -XX:ArchiveClassesAtExit without its base archive, which -Xshare:off turns off.
        List<String> jvm = List.of(JAVA, "-Xshare:off");

        List<String> options = ClassDataArchive.options(archive, jvm, "picocli 1", true);

        if (JVM_KEEPS_IT) {
            assertThat(options).contains("-XX:+AutoCreateSharedArchive");
        } else {
            assertThat(options).isEmpty();
            run(jvm, options, picocli());
        }
    }

    @Test
    void tellsAProcessThatWritesItsArchiveAtExit() throws Exception {
        // bash keeps its own command line, whatever it runs: a stand-in for a JVM with these options.
        Process writing = new ProcessBuilder("bash", "-c", "sleep 30; true", "-XX:ArchiveClassesAtExit=/tmp/x.jsa").start();
        Process mapping = new ProcessBuilder("bash", "-c", "sleep 30; true", "-XX:SharedArchiveFile=/tmp/x.jsa").start();
        try {
            assertThat(ClassDataArchive.writtenAtExit(writing.pid())).isTrue();
            assertThat(ClassDataArchive.writtenAtExit(mapping.pid())).isFalse();
        } finally {
            writing.destroyForcibly();
            mapping.destroyForcibly();
        }
    }

    private Path picocli() throws Exception {
        Path copy = directory.resolve("picocli.jar");
        if (!Files.exists(copy)) {
            Files.copy(Path.of(AutoComplete.class.getProtectionDomain().getCodeSource().getLocation().toURI()), copy);
        }
        return copy;
    }

    /** Runs picocli's completion-script generator, a main class in a plain jar, which prints its usage and exits. */
    private void run(List<String> jvm, List<String> options, Path jar) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(options);
        command.addAll(List.of("-cp", jar.toString(), AutoComplete.class.getName(), "--help"));
        Path log = directory.resolve("jvm.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM exits").isTrue();
        assertThat(process.exitValue()).as("%s exited with %s", command, Files.readString(log)).isZero();
    }

    private static List<String> concat(List<String> options, String option) {
        List<String> all = new ArrayList<>(options);
        all.add(option);
        return all;
    }
}
