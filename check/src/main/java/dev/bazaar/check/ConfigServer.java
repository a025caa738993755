package dev.bazaar.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.Node;

/**
 * The settings Spring Cloud Config servers of the build serve from their native repository (files of the server's
 * module): {@code <name>.yml|yaml|properties} to the application whose {@code spring.application.name} is that name,
 * {@code application.*} to every application. Only clients of a config server get them (a dependency on its client, or
 * a {@code configserver:} import or {@code spring.cloud.config.uri}); profile files ({@code name-prod.yml}) are not read.
 */
final class ConfigServer {

    /**
     * A file a config server serves a service.
     *
     * @param everyApplication whether it is {@code application.*}, served to every client
     */
    record Served(Path file, Map<String, Yaml.Value> settings, boolean everyApplication) {
    }

    private static final List<String> EXTENSIONS = List.of(".yml", ".yaml", ".properties");

    private final Build build;
    /** Each config server's search locations, as written ({@code {application}} filled in per service). */
    private final Map<Build.Module, List<String>> locations = new LinkedHashMap<>();
    private final List<String> unread = new ArrayList<>();

    private ConfigServer(Build build) {
        this.build = build;
    }

    static ConfigServer of(Build build) {
        ConfigServer out = new ConfigServer(build);
        for (Build.Module m : build.modules()) {
            if (m.dependencies().stream().noneMatch(d -> d.key().endsWith(":" + Rules.CONFIG_SERVER_DEPENDENCY))) {
                continue;
            }
            Map<String, Yaml.Value> own = ownSettings(m);
            Optional<Yaml.Value> declared = own.entrySet().stream()
                    .filter(e -> e.getKey().equals("spring.cloud.config.server.native.search-locations")
                            || e.getKey().equals("spring.cloud.config.server.native.searchLocations"))
                    .map(Map.Entry::getValue).findFirst();
            List<String> found = new ArrayList<>();
            for (String location : declared.map(v -> Placeholders.resolve(v.text(), Map.of()).split(","))
                    .map(List::of).orElse(Rules.CONFIG_SERVER_DEFAULT_LOCATIONS)) {
                if (directory(out.build, m, location.strip(), "").isPresent()) {
                    found.add(location.strip());
                }
            }
            out.locations.put(m, found);
            Yaml.Value git = own.get("spring.cloud.config.server.git.uri");
            if (found.isEmpty()) {
                out.unread.add(m.artifactId() + "'s repository" + (git == null ? "" : " " + git.text())
                        + " (not in this one)");
            }
        }
        return out;
    }

    /** The config servers whose repository is not in this one (a git URL, a path set at run time). */
    List<String> unread() {
        return List.copyOf(unread);
    }

    /** What the config servers serve this service: {@code application.*} first, then its own name's files. */
    List<Served> servedTo(Build.Module service) {
        List<Served> out = new ArrayList<>();
        Map<String, Yaml.Value> own = ownSettings(service);
        boolean client = service.dependencies().stream().anyMatch(d -> Rules.CONFIG_CLIENT_DEPENDENCIES.stream()
                .anyMatch(c -> d.key().endsWith(":" + c)))
                || own.containsKey("spring.cloud.config.uri")
                || own.entrySet().stream().anyMatch(e -> e.getKey().startsWith("spring.config.import")
                        && e.getValue().text().contains("configserver:"));
        if (!client || locations.isEmpty()) {
            return out;
        }
        // Without spring.application.name a client asks for "application": it gets the shared files only.
        Yaml.Value name = own.get("spring.application.name");
        String application = name == null ? null : Placeholders.resolve(name.text(), Map.of());
        locations.forEach((server, list) -> {
            for (String location : list) {
                for (String file : application == null ? List.of("application") : List.of("application", application)) {
                    directory(build, server, location, application == null ? "application" : application).ifPresent(dir -> EXTENSIONS.stream()
                            .map(ext -> dir.resolve(file + ext)).filter(Files::isRegularFile)
                            .forEach(f -> out.add(new Served(f, Build.springSettings(f), file.equals("application")))));
                }
            }
        });
        return out;
    }

    /**
     * The directory of a search location, inside the repository: {@code classpath:x} in the server's
     * {@code src/main/resources}, {@code file:x} from the server's module or the root; {@code {application}} filled in
     * (empty to ask whether the location's directory exists at all).
     */
    private static Optional<Path> directory(Build build, Build.Module server, String location, String application) {
        if (location.contains("${") || location.contains("{profile}") || location.contains("{label}")) {
            return Optional.empty();
        }
        String path = location.replace("{application}", application);
        List<Path> candidates = new ArrayList<>();
        if (path.startsWith("classpath:") || path.startsWith("classpath*:")) {
            candidates.add(server.dir().resolve("src/main/resources")
                    .resolve(path.substring(path.indexOf(':') + 1).replaceFirst("^/+", "")));
        } else if (path.startsWith("file:")) {
            String file = path.substring("file:".length()).replaceFirst("^//", "");
            if (Path.of(file).isAbsolute()) {
                candidates.add(Path.of(file));
            } else {
                candidates.add(server.dir().resolve(file));
                candidates.add(build.root().resolve(file));
            }
        }
        return candidates.stream().map(Path::normalize)
                .filter(d -> d.startsWith(build.root()) && Files.isDirectory(d)).findFirst();
    }

    /** A module's own settings, {@code application.*} and {@code bootstrap.*} (where clients name their server). */
    private static Map<String, Yaml.Value> ownSettings(Build.Module module) {
        Map<String, Yaml.Value> out = new LinkedHashMap<>();
        for (String name : List.of("bootstrap", "application")) {
            for (String ext : EXTENSIONS) {
                Path file = module.dir().resolve("src/main/resources").resolve(name + ext);
                Build.springSettings(file).forEach(out::putIfAbsent);
            }
        }
        return out;
    }
}
