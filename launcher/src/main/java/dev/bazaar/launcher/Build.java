package dev.bazaar.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.bazaar.platform.slo.Slos;
import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Kind;
import dev.bazaar.platform.topology.Topology;
import org.apache.commons.io.file.PathUtils;

/**
 * Rebuilds application jars that are missing or older than their sources, with the repository's Maven
 * wrapper, showing which module is being built.
 */
final class Build {

    private static final Pattern BUILDING = Pattern.compile("^\\[INFO\\] Building (.+?) \\S+-SNAPSHOT\\s+(\\[\\d+/\\d+\\])\\s*$");
    private static final int MAX_ERROR_LINES = 40;

    private final LauncherConfig config;
    private final Path stamps;

    Build(LauncherConfig config) {
        this.config = config;
        this.stamps = config.home().resolve("build");
    }

    /** The applications whose jar is missing, or older than any of their inputs and their last build. */
    List<String> staleApplications(Collection<String> applications) {
        Path root = config.repoRoot();
        List<Path> platformModules = listDirectories(root.resolve("platform"));
        List<String> stale = new ArrayList<>();
        for (String application : applications) {
            Optional<FileTime> jar = modified(config.jar(application));
            Optional<FileTime> stamp = modified(stamps.resolve(application + ".built"));
            FileTime newestInput = inputs(root, config.topology().component(application), platformModules).stream()
                    .map(Build::newestIn)
                    .flatMap(Optional::stream)
                    .max(FileTime::compareTo)
                    .orElse(FileTime.fromMillis(0));
            if (isStale(jar, stamp, newestInput)) {
                stale.add(application);
            }
        }
        return stale;
    }

    /**
     * A jar is stale when it is missing, or when a source changed after both the jar and the last successful
     * build (Maven leaves a jar untouched when a change does not alter its content).
     */
    static boolean isStale(Optional<FileTime> jar, Optional<FileTime> lastBuild, FileTime newestInput) {
        if (jar.isEmpty()) {
            return true;
        }
        FileTime built = lastBuild.filter(stamp -> stamp.compareTo(jar.get()) > 0).orElse(jar.get());
        return newestInput.compareTo(built) > 0;
    }

    /**
     * What an application's jar is made from: its module's main sources and POM and the root POM; for a service
     * also the platform modules and the contracts, for the gateway the map it bundles (its routes), for the console
     * the map and the objectives it evaluates (platform-slo carries slos.yaml). Tests are left out: they do not change
     * the jar.
     */
    static List<Path> inputs(Path root, Component application, List<Path> platformModules) {
        Path module = root.resolve(application.module());
        List<Path> inputs = new ArrayList<>(List.of(root.resolve("pom.xml"), module.resolve("pom.xml"), module.resolve("src/main")));
        if (application.isService()) {
            for (Path platform : platformModules) {
                inputs.add(platform.resolve("pom.xml"));
                inputs.add(platform.resolve("src/main"));
            }
            inputs.add(root.resolve("contracts"));
        } else {
            inputs.add(root.resolve("platform/topology/pom.xml"));
            inputs.add(root.resolve("platform/topology/src/main"));
            inputs.add(root.resolve(Topology.FILE));
        }
        if (application.kind() == Kind.CONSOLE) {
            inputs.add(root.resolve("platform/slo/pom.xml"));
            inputs.add(root.resolve("platform/slo/src/main"));
            inputs.add(root.resolve(Slos.FILE));
        }
        return inputs;
    }

    /** Runs {@code mvnw -B -DskipTests -pl <modules> -am package}; its full output goes to {@code logs/build.log}. */
    void run(List<String> applications, ProgressListener progress) {
        List<String> modules = applications.stream().map(name -> config.topology().component(name).module()).toList();
        progress.line("build", "rebuilding " + String.join(", ", applications) + " (jars older than their sources)");
        List<String> command = new ArrayList<>(config.mavenCommand());
        command.addAll(List.of("-B", "-Dstyle.color=never", "-DskipTests", "-pl", String.join(",", modules), "-am", "package"));
        Path log = config.home().resolve("logs").resolve("build.log");
        int errors = 0;
        Process maven = null;
        try {
            Files.createDirectories(log.getParent());
            maven = new ProcessBuilder(command).directory(config.repoRoot().toFile()).redirectErrorStream(true).start();
            try (BufferedReader output = new BufferedReader(new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                file.println("$ " + String.join(" ", command));
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    file.println(line);
                    Optional<String> shown = progressLine(line);
                    if (shown.isPresent() && (!line.startsWith("[ERROR]") || errors++ < MAX_ERROR_LINES)) {
                        progress.line("build", shown.get());
                    }
                }
            }
            int exit = maven.waitFor();
            if (exit != 0) {
                throw new LauncherException("The build failed (exit " + exit + "); the full output is in " + log);
            }
        } catch (IOException e) {
            throw new LauncherException("Could not run Maven (" + String.join(" ", command) + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while building");
        } finally {
            if (maven != null && maven.isAlive()) {
                maven.destroy();
            }
        }
        for (String application : applications) {
            touch(stamps.resolve(application + ".built"));
        }
    }

    /** The part of a Maven line worth showing: the module being built, errors and the outcome. */
    static Optional<String> progressLine(String line) {
        Matcher building = BUILDING.matcher(line);
        if (building.matches()) {
            return Optional.of(building.group(2) + " " + building.group(1));
        }
        if (line.startsWith("[ERROR]")) {
            return Optional.of(line);
        }
        if (line.startsWith("[INFO] BUILD ")) {
            return Optional.of(line.substring("[INFO] ".length()));
        }
        return Optional.empty();
    }

    /** The newest modification time of a file, or of anything under a directory outside {@code target/}. */
    static Optional<FileTime> newestIn(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(file -> !insideTarget(path.relativize(file)))
                    .filter(Files::isRegularFile)
                    .map(Build::modified)
                    .flatMap(Optional::stream)
                    .max(FileTime::compareTo);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static boolean insideTarget(Path relative) {
        for (Path element : relative) {
            if (element.toString().equals("target")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<FileTime> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> listDirectories(Path parent) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path file) {
        try {
            PathUtils.touch(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
