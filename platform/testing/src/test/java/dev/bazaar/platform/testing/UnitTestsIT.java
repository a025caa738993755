package dev.bazaar.platform.testing;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's naming rule, over the whole repository: a class named {@code *Test} is a unit test, run by Surefire
 * before anything is packaged, and needs no I/O at all; whatever starts an application or touches a file, a socket,
 * a database, a broker or a process is an {@code *IT}, run by Failsafe. Read from the sources, since a unit test of
 * one module cannot see another's.
 */
class UnitTestsIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    /** What gives I/O away in a test's code, and what it reaches. */
    private static final Map<Pattern, String> IO = Map.of(
            Pattern.compile("@([\\w.]+\\.)?SpringBootTest\\b"), "starts the application",
            Pattern.compile("@([\\w.]+\\.)?TempDir\\b|\\bcreateTemp(File|Directory)\\b|\\bFiles\\.|\\bnew File(Input|Output)Stream\\b"), "the file system",
            Pattern.compile("\\bEmbeddedPostgres\\b|\\bDriverManager\\b"), "a database",
            Pattern.compile("\\b(Server)?Socket\\b|\\bHttpClient\\b|\\bbindToServer\\b"), "the network",
            Pattern.compile("\\b(KafkaConsumer|KafkaProducer|AdminClient)\\b"), "a broker",
            Pattern.compile("\\bProcessBuilder\\b|\\.exec\\("), "a process");

    /** The kinds of I/O that a test's source reaches; comments do not count. */
    static List<String> io(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        return IO.entrySet().stream()
                .filter(marker -> marker.getKey().matcher(code).find())
                .map(Map.Entry::getValue)
                .sorted()
                .toList();
    }

    @Test
    void theRuleSeesEachKindOfIoAndNotACommentAboutIt() {
        assertThat(io("@SpringBootTest(webEnvironment = RANDOM_PORT) class A {}")).containsExactly("starts the application");
        assertThat(io("void f(@TempDir Path dir) { Files.writeString(dir.resolve(\"x\"), \"\"); }")).containsExactly("the file system");
        assertThat(io("class A { @org.junit.jupiter.api.io.TempDir Path dir; }")).containsExactly("the file system");
        assertThat(io("static EmbeddedPostgres postgres;")).containsExactly("a database");
        assertThat(io("new ServerSocket(0); HttpClient.newHttpClient();")).containsExactly("the network");
        assertThat(io("new KafkaProducer<>(settings);")).containsExactly("a broker");
        assertThat(io("new ProcessBuilder(\"git\").start();")).containsExactly("a process");
        assertThat(io("/** unlike a @SpringBootTest, it reads no Files. */ class A { // no HttpClient either\n }")).isEmpty();
        assertThat(io("assertThat(Path.of(\"/repo\").resolve(\"x\")).isEqualTo(Path.of(\"/repo/x\"));")).isEmpty();
    }

    @Test
    void everyUnitTestOfTheRepositoryDoesNoIo() throws IOException {
        List<String> offenders = new ArrayList<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                String name = directory.getFileName().toString();
                // Not sources: git's, the build's output, the platform's data (a home under the repository), npm's.
                return Set.of(".git", "target", ".bazaar", "node_modules").contains(name)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (file.getFileName().toString().endsWith("Test.java") && file.toString().contains("/src/test/java/")) {
                    List<String> io = io(Files.readString(file));
                    if (!io.isEmpty()) {
                        offenders.add(ROOT.relativize(file) + " (" + String.join(", ", io) + ")");
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });

        assertThat(offenders).as("unit tests that do I/O: name them *IT, so that Failsafe runs them").isEmpty();
    }
}
