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
 * The build's naming rule, over the whole repository: a unit test (a test class that Surefire runs: {@code *Test},
 * {@code Test*}, {@code *Tests}, {@code *TestCase}) needs no I/O at all; whatever starts an application or touches a
 * file, a socket, a database, a broker or a process is an {@code *IT}, run by Failsafe. Read from the sources, since a
 * unit test of one module cannot see another's; so it sees what a test's own code names (the libraries above, and this
 * repository's helpers that start a service or find the repository), not I/O hidden behind the code it calls.
 */
class UnitTestsIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    /** The class names Surefire runs by default. */
    private static final Pattern UNIT_TEST = Pattern.compile("(Test\\w*|\\w*Test|\\w*Tests|\\w*TestCase)\\.java");

    /** What gives I/O away in a test's code (comments and string literals apart), and what it reaches. */
    private static final Map<Pattern, String> IO = Map.of(
            Pattern.compile("@([\\w.]+\\.)?(SpringBootTest|ServiceIntegrationTest|WebMvcTest|WebFluxTest|JdbcTest|DataJdbcTest)\\b"
                    + "|\\bSpringApplication(Builder)?\\b|\\bRunningPlatform\\b|\\bTestBackend\\b"), "starts an application",
            Pattern.compile("@([\\w.]+\\.)?TempDir\\b|\\bcreateTemp(File|Directory)\\b|\\bFiles\\s*(\\.|::)"
                    + "|\\b(FileInputStream|FileOutputStream|FileReader|FileWriter|RandomAccessFile)\\b|\\bRepositories\\.|\\borg\\.eclipse\\.jgit\\b"),
                    "the file system",
            Pattern.compile("\\b(EmbeddedPostgres|DriverManager|DataSource|JdbcTemplate|JdbcClient)\\b"), "a database",
            Pattern.compile("\\b(Server)?Socket(Channel)?\\b|\\bDatagramSocket\\b|\\b(HttpClient|HttpServer|HttpURLConnection)\\b"
                    + "|\\b(RestClient|WebClient|RestTemplate)\\b|\\bbindToServer\\b"), "the network",
            Pattern.compile("\\b(KafkaConsumer|KafkaProducer|AdminClient|EmbeddedKafka)\\b|\\bAdmin\\.create\\b"), "a broker",
            Pattern.compile("\\bProcessBuilder\\b|\\bRuntime\\.getRuntime\\(\\)\\.exec\\b"), "a process");

    /** The kinds of I/O that a test's code reaches, by the names it uses. */
    static List<String> io(String source) {
        String code = code(source);
        return IO.entrySet().stream()
                .filter(marker -> marker.getKey().matcher(code).find())
                .map(Map.Entry::getValue)
                .sorted()
                .toList();
    }

    /** The source without its comments and the contents of its string and character literals ({@code "/**"} is a route). */
    static String code(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                i = end(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = end(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                i = end(source, "\"\"\"", i + 3);
                code.append("\"\"");
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i++);
                while (i < source.length() && source.charAt(i) != quote && source.charAt(i) != '\n') {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                code.append(quote).append(quote);
            } else {
                code.append(source.charAt(i++));
            }
        }
        return code.toString();
    }

    /** Where the text after the next {@code closing} at or after {@code from} begins; the end of the source if none. */
    private static int end(String source, String closing, int from) {
        int at = source.indexOf(closing, from);
        return at < 0 ? source.length() : at + closing.length();
    }

    @Test
    void theRuleSeesEachKindOfIoAndNotACommentOrAStringAboutIt() {
        assertThat(io("@SpringBootTest(webEnvironment = RANDOM_PORT) class A {}")).containsExactly("starts an application");
        assertThat(io("@ServiceIntegrationTest class A {}")).containsExactly("starts an application");
        assertThat(io("void f(@TempDir Path dir) { Files.writeString(dir.resolve(\"x\"), \"\"); }")).containsExactly("the file system");
        assertThat(io("class A { @org.junit.jupiter.api.io.TempDir Path dir; }")).containsExactly("the file system");
        assertThat(io("lines.map(Files::readString)")).containsExactly("the file system");
        assertThat(io("static EmbeddedPostgres postgres;")).containsExactly("a database");
        assertThat(io("new ServerSocket(0); HttpClient.newHttpClient();")).containsExactly("the network");
        assertThat(io("new KafkaProducer<>(settings);")).containsExactly("a broker");
        assertThat(io("new ProcessBuilder(\"git\").start();")).containsExactly("a process");
        assertThat(io("/** unlike a @SpringBootTest, it reads no Files. */ class A { // no HttpClient either\n }")).isEmpty();
        assertThat(io("var rule = \"/api/**\"; var uri = \"http://host/\"; new HttpClient();")).containsExactly("the network");
        assertThat(io("String snippet = \"new ServerSocket(0)\"; String block = \"\"\"\n Files.delete(x)\n\"\"\";")).isEmpty();
        assertThat(io("char quote = '\"'; new ServerSocket(0);")).containsExactly("the network");
        assertThat(io("assertThat(Path.of(\"/repo\").resolve(\"x\")).isEqualTo(Path.of(\"/repo/x\"));")).isEmpty();
    }

    @Test
    void everyUnitTestOfTheRepositoryDoesNoIo() throws IOException {
        assertThat(ROOT.resolve("topology.yaml")).as("the repository's root").isRegularFile();
        List<String> offenders = new ArrayList<>();
        List<Path> read = new ArrayList<>();
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
                if (UNIT_TEST.matcher(file.getFileName().toString()).matches() && file.toString().contains("/src/test/java/")) {
                    String source = Files.readString(file);
                    if (source.contains("@Test") || source.contains("@ParameterizedTest")) {
                        read.add(file);
                        List<String> io = io(source);
                        if (!io.isEmpty()) {
                            offenders.add(ROOT.relativize(file) + " (" + String.join(", ", io) + ")");
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });

        assertThat(read).as("unit tests read").hasSizeGreaterThan(50);
        assertThat(offenders).as("unit tests that do I/O: name them *IT, so that Failsafe runs them").isEmpty();
    }
}
