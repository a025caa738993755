package dev.bazaar.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.bazaar.check.GradleScript.Kind;
import dev.bazaar.check.GradleScript.Token;

/**
 * A Gradle build as {@link Build} modules: the projects {@code settings.gradle[.kts]} includes, each with its
 * dependencies (another project's, {@code project(":a")}, keyed like that project; or external coordinates) and
 * whether it is a service (it applies Spring Boot's plugin, or declares a {@code @SpringBootApplication}). What the
 * root script adds to every project in {@code subprojects} or {@code allprojects} counts for each of them.
 */
final class GradleBuild {

    private static final Set<String> BOOT_PLUGINS = Set.of("org.springframework.boot", "spring-boot");
    /** Wrappers around a dependency that are not its configuration: {@code implementation(platform(project(":a")))}. */
    private static final Set<String> WRAPPERS = Set.of("project", "platform", "enforcedPlatform", "testFixtures");

    private GradleBuild() {
    }

    /** The build file Gradle reads in a directory, Kotlin's first; empty when there is none. */
    static Optional<Path> script(Path dir, String name) {
        return List.of(name + ".kts", name).stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }

    /** The projects of the build at {@code root}, by key; {@code separate} gets its included builds. */
    static Map<String, Build.Module> read(Path root, List<Path> separate) {
        Optional<Path> settingsFile = script(root, "settings.gradle");
        GradleScript settings = settingsFile.map(GradleScript::read).orElse(GradleScript.parse(""));
        Map<String, Path> projects = new LinkedHashMap<>();
        projects.put(":", root);
        String rootName = root.getFileName() == null ? "root" : root.getFileName().toString();
        List<Token> t = settings.tokens();
        for (int i = 0; i < t.size(); i++) {
            Token token = t.get(i);
            if (token.is("rootProject.name") && settings.get(i + 1).is("=") && settings.get(i + 2).kind() == Kind.STRING) {
                rootName = settings.get(i + 2).text();
            } else if (token.is("include") || token.is("includeBuild")) {
                for (int k = i + 1; k < t.size() && (settings.get(k).kind() == Kind.STRING || settings.get(k).is(",")
                        || settings.get(k).is("(") || settings.get(k).is(")")); k++) {
                    if (settings.get(k).kind() == Kind.STRING) {
                        String name = settings.get(k).text();
                        if (token.is("includeBuild")) {
                            separate.add(root.resolve(name).normalize());
                        } else {
                            String path = name.startsWith(":") ? name : ":" + name;
                            projects.put(path, root.resolve(path.substring(1).replace(':', '/')).normalize());
                        }
                    }
                }
            } else if (token.is("project") && settings.get(i + 1).is("(") && settings.get(i + 2).kind() == Kind.STRING
                    && settings.get(i + 3).is(")") && settings.get(i + 5).is("projectDir")) {
                // project(":a").projectDir = file("services/a"): the last string of the statement is the directory.
                String path = settings.get(i + 2).text();
                for (int k = i + 6; k < t.size() && !settings.get(k).firstOnLine(); k++) {
                    if (settings.get(k).kind() == Kind.STRING) {
                        projects.put(path.startsWith(":") ? path : ":" + path, root.resolve(settings.get(k).text()).normalize());
                    }
                }
            }
        }
        Optional<Path> rootFile = script(root, "build.gradle");
        GradleScript rootScript = rootFile.map(GradleScript::read).orElse(GradleScript.parse(""));
        String group = group(rootScript).orElse(rootName);
        Map<String, String> keys = new LinkedHashMap<>();
        for (String path : projects.keySet()) {
            keys.put(path, group + ":" + (path.equals(":") ? rootName : path.substring(path.lastIndexOf(':') + 1)));
        }

        Map<String, Build.Module> modules = new LinkedHashMap<>();
        for (Map.Entry<String, Path> project : projects.entrySet()) {
            boolean isRoot = project.getKey().equals(":");
            Path dir = project.getValue();
            Optional<Path> file = isRoot ? rootFile : script(dir, "build.gradle");
            if (file.isEmpty() && !isRoot && !Files.isDirectory(dir)) {
                continue;
            }
            GradleScript script = isRoot ? rootScript : file.map(GradleScript::read).orElse(GradleScript.parse(""));
            List<Build.Dep> deps = new ArrayList<>(dependencies(script, keys, isRoot ? "allprojects" : null));
            if (!isRoot) {
                deps.addAll(dependencies(rootScript, keys, "subprojects"));
                deps.addAll(dependencies(rootScript, keys, "allprojects"));
            }
            String key = keys.get(project.getKey());
            Path buildFile = file.orElse(settingsFile.orElse(dir));
            String artifactId = key.substring(key.indexOf(':') + 1);
            Evidence why = bootPlugin(script).map(line -> new Evidence(Build.rel(root, buildFile), line,
                    "applies Spring Boot's Gradle plugin")).orElseGet(() -> Build.springBootApplication(root, dir));
            Optional<String> platform = deps.stream().map(d -> d.key().substring(d.key().indexOf(':') + 1))
                    .filter(a -> Rules.PLATFORM_DEPENDENCIES.stream().anyMatch(a::startsWith)).findFirst();
            if (why != null && platform.isPresent()) {
                why = new Evidence(Build.rel(root, buildFile), Build.line(buildFile, platform.get()),
                        "platform infrastructure: depends on " + platform.get());
                modules.put(key, new Build.Module(key, artifactId, dir, buildFile, deps, false, why));
            } else {
                modules.put(key, new Build.Module(key, artifactId, dir, buildFile, deps, why != null, why));
            }
        }
        return modules;
    }

    /** The root script's {@code group = "x"}, at its top level or in subprojects/allprojects: every project's group. */
    private static Optional<String> group(GradleScript script) {
        List<Token> t = script.tokens();
        for (int i = 0; i < t.size(); i++) {
            boolean where = t.get(i).blocks().isEmpty()
                    || t.get(i).blocks().size() == 1 && (t.get(i).in("subprojects") || t.get(i).in("allprojects"));
            if (where && t.get(i).is("group") && script.get(i + 1).is("=") && script.get(i + 2).kind() == Kind.STRING) {
                return Optional.of(script.get(i + 2).text());
            }
        }
        return Optional.empty();
    }

    /** The line where the script applies Spring Boot's plugin (not declared with {@code apply false}). */
    private static Optional<Integer> bootPlugin(GradleScript script) {
        List<Token> t = script.tokens();
        for (int i = 0; i < t.size(); i++) {
            Token token = t.get(i);
            if (token.in("subprojects") || token.in("allprojects") || token.in("buildscript")) {
                continue;
            }
            boolean byId = token.is("id") && token.in("plugins") && string(script, i + 1)
                    .filter(BOOT_PLUGINS::contains).isPresent() && !appliedFalse(script, i);
            boolean byApply = token.is("apply") && script.get(i + 1).is("plugin") && script.get(i + 2).is(":")
                    && script.get(i + 3).kind() == Kind.STRING && BOOT_PLUGINS.contains(script.get(i + 3).text());
            boolean byAlias = token.is("alias") && token.in("plugins") && script.get(i + 2).text().startsWith("libs.plugins.")
                    && script.get(i + 2).text().replace('-', '.').contains("spring.boot") && !appliedFalse(script, i);
            if (byId || byApply || byAlias) {
                return Optional.of(token.line());
            }
        }
        return Optional.empty();
    }

    private static boolean appliedFalse(GradleScript script, int from) {
        for (int k = from + 1; k < script.tokens().size() && !script.get(k).firstOnLine(); k++) {
            if (script.get(k).is("apply") && script.get(k + 1).is("false")) {
                return true;
            }
        }
        return false;
    }

    /** A string right at {@code i}, or inside the parenthesis opening there. */
    private static Optional<String> string(GradleScript script, int i) {
        Token t = script.get(i).is("(") ? script.get(i + 1) : script.get(i);
        return t.kind() == Kind.STRING ? Optional.of(t.text()) : Optional.empty();
    }

    /**
     * The dependencies declared in {@code dependencies} blocks (not buildscript's, which are the build's own
     * classpath): inside {@code scope} ({@code subprojects}, {@code allprojects}) when given, else outside both.
     */
    private static List<Build.Dep> dependencies(GradleScript script, Map<String, String> keys, String scope) {
        List<Build.Dep> out = new ArrayList<>();
        List<Token> t = script.tokens();
        for (int i = 0; i < t.size(); i++) {
            Token token = t.get(i);
            boolean scoped = token.in("subprojects") || token.in("allprojects");
            if (!token.in("dependencies") || token.in("buildscript")
                    || (scope == null ? scoped : !token.in(scope))) {
                continue;
            }
            String key = null;
            if (token.is("project") && script.get(i + 1).is("(")) {
                // project(":a") or project(path: ":a"): the key of the project at that path.
                int s = script.get(i + 2).kind() == Kind.STRING ? i + 2 : script.get(i + 2).is("path") ? i + 4 : -1;
                if (s > 0 && script.get(s).kind() == Kind.STRING) {
                    String path = script.get(s).text().startsWith(":") ? script.get(s).text() : ":" + script.get(s).text();
                    key = keys.getOrDefault(path, "project" + path);
                }
            } else if (token.kind() == Kind.STRING && token.text().matches("[\\w.\\-]+:[\\w.\\-]+(:.*)?")) {
                String[] parts = token.text().split(":");
                key = parts[0] + ":" + parts[1];
            } else if (token.kind() == Kind.NAME && token.text().startsWith("libs.") && !token.text().startsWith("libs.plugins.")
                    && !token.text().startsWith("libs.versions.")) {
                // A version catalog's accessor: its alias with dashes is usually the artifact's name.
                key = "libs:" + token.text().substring("libs.".length()).replace('.', '-');
            }
            if (key != null) {
                out.add(new Build.Dep(key, scope(configuration(script, i))));
            }
        }
        return out;
    }

    /** The configuration a dependency at {@code i} is declared in: the first name before it that wraps nothing. */
    private static String configuration(GradleScript script, int i) {
        for (int k = i - 1; k >= 0 && k >= i - 6; k--) {
            Token t = script.get(k);
            if (t.kind() == Kind.NAME && !WRAPPERS.contains(t.text())) {
                return t.text();
            }
            if (!t.is("(") && !(t.kind() == Kind.NAME)) {
                break;
            }
        }
        return "implementation";
    }

    /** Maven's scope for a Gradle configuration: test, provided (compile only), runtime, or compile. */
    static String scope(String configuration) {
        String c = configuration.toLowerCase(Locale.ROOT);
        if (c.contains("test")) {
            return "test";
        }
        if (c.contains("compileonly") || c.contains("annotationprocessor")) {
            return "provided";
        }
        return c.startsWith("runtime") ? "runtime" : "compile";
    }
}
