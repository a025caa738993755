package dev.bazaar.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code bazaar} command: {@code up}, {@code down}, {@code status}, {@code restart}, {@code kill},
 * {@code logs}, {@code reset}. Exits 0 on success, 1 when something fails, 2 on a usage error.
 */
public final class Bazaar {

    private final PrintStream out;
    private final PrintStream err;

    Bazaar(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "dev/bazaar/launcher/log4j2-cli.properties");
        }
        int status = new Bazaar(System.out, System.err).run(args);
        System.exit(status);
    }

    int run(String[] args) {
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("bazaar: " + e.getMessage());
            err.println();
            err.println(CommandLine.USAGE);
            return 2;
        }
        if (command.command().equals("help")) {
            out.println(CommandLine.USAGE);
            return 0;
        }
        try {
            String root = System.getProperty("bazaar.root");
            Path repoRoot = root != null ? Path.of(root) : LauncherConfig.findRepoRoot(Path.of(""));
            LauncherConfig.Builder config = LauncherConfig.builder(repoRoot).fromEnvironment(System.getenv());
            return switch (command.command()) {
                case "up" -> {
                    if (!command.only().isEmpty()) {
                        config.applications(command.only().stream().filter(LauncherConfig.APPLICATIONS::contains).toList());
                    }
                    yield up(config.buildIfStale(command.build()).stopOnExit(!command.detach()).build(), command.detach());
                }
                case "down" -> down(config.build());
                case "status" -> status(config.build());
                case "restart" -> restart(config.build(), command.component().orElseThrow());
                case "kill" -> kill(config.build(), command.component().orElseThrow());
                case "logs" -> logs(config.build(), command);
                case "reset" -> reset(config.build());
                default -> throw new IllegalStateException(command.command());
            };
        } catch (ComponentFailedException e) {
            err.println("bazaar: " + e.getMessage() + " ('./bazaar logs " + e.component() + "' shows its log)");
            return 1;
        } catch (LauncherException e) {
            err.println("bazaar: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private int up(LauncherConfig config, boolean detach) throws InterruptedException {
        out.println("Bazaar: starting in " + display(config.home())
                + (config.portOffset() == 0 ? "" : " (ports shifted by " + config.portOffset() + ")"));
        Platform platform = Platform.prepare(config, ProgressListener.printingTo(out));
        platform.up();
        if (detach) {
            out.println("Running in the background: './bazaar status', './bazaar logs', './bazaar down'.");
            return 0;
        }
        out.println("Press Ctrl-C to stop everything.");
        watch(platform, config.applications());
        return 0;
    }

    /** Reports components that die while the foreground {@code up} runs, until Ctrl-C ends the JVM. */
    private void watch(Platform platform, List<String> applications) throws InterruptedException {
        Set<String> down = new HashSet<>();
        while (true) {
            Thread.sleep(2000);
            if (platform.isStopping()) {
                return;
            }
            for (String component : LauncherConfig.COMPONENTS) {
                boolean managed = applications.contains(component) || component.equals(LauncherConfig.POSTGRES)
                        || component.equals(LauncherConfig.KAFKA);
                if (!managed) {
                    continue;
                }
                boolean runs = platform.runs(component);
                if (platform.isStopping()) {
                    return;
                }
                if (!runs && down.add(component)) {
                    out.printf("  %-12s stopped unexpectedly; see %s ('./bazaar restart %s' brings it back)%n",
                            component, display(platform.logFile(component)), component);
                } else if (runs && down.remove(component)) {
                    out.printf("  %-12s running again%n", component);
                }
            }
        }
    }

    private int down(LauncherConfig config) {
        Platform platform = Platform.open(config, ProgressListener.printingTo(out));
        if (!platform.isRunning()) {
            out.println("Nothing is running in " + display(config.home()) + ".");
            platform.stop();
            return 0;
        }
        long begin = System.nanoTime();
        platform.stop();
        out.println("Stopped in " + ConsoleProgress.seconds(Duration.ofNanos(System.nanoTime() - begin)) + ".");
        return 0;
    }

    private int status(LauncherConfig config) {
        Platform platform = Platform.open(config);
        List<ComponentStatus> components = platform.status();
        out.println(statusTable(components));
        if (components.stream().anyMatch(ComponentStatus::running)) {
            out.println("gateway: " + platform.gatewayUrl() + "    home: " + display(config.home()));
        } else {
            out.println("Nothing is running; './bazaar up' starts it.");
        }
        return 0;
    }

    static String statusTable(List<ComponentStatus> components) {
        StringBuilder table = new StringBuilder(String.format("%-12s %-8s %-22s %-8s %10s  %s%n",
                "COMPONENT", "PID", "ADDRESS", "HEALTH", "MEMORY", "UPTIME"));
        long total = 0;
        for (ComponentStatus component : components) {
            total += component.memoryBytes();
            String pid = component.external() ? "external"
                    : component.pid().isPresent() ? Long.toString(component.pid().getAsLong()) : "-";
            table.append(String.format("%-12s %-8s %-22s %-8s %10s  %s%n", component.name(), pid, component.address(),
                    component.health(), component.memoryBytes() == 0 ? "-" : memory(component.memoryBytes()),
                    component.pid().isPresent() ? uptime(component.uptime()) : "-"));
        }
        table.append(String.format("%-12s %-8s %-22s %-8s %10s", "total", "", "", "", memory(total)));
        return table.toString();
    }

    private int restart(LauncherConfig config, String component) {
        Platform platform = Platform.open(config, ProgressListener.printingTo(out));
        long begin = System.nanoTime();
        platform.restart(component);
        out.println("Restarted " + component + " in " + ConsoleProgress.seconds(Duration.ofNanos(System.nanoTime() - begin)) + ".");
        return 0;
    }

    private int kill(LauncherConfig config, String component) {
        OptionalLong pid = Platform.open(config).kill(component);
        if (pid.isPresent()) {
            out.println("Killed " + component + " (pid " + pid.getAsLong() + ").");
        } else {
            out.println(component + " is not running.");
        }
        return 0;
    }

    private int logs(LauncherConfig config, CommandLine command) throws InterruptedException {
        Platform platform = Platform.open(config);
        Map<String, Path> logs = new LinkedHashMap<>();
        if (command.component().isPresent()) {
            logs.put(command.component().get(), platform.logFile(command.component().get()));
        } else {
            LauncherConfig.COMPONENTS.forEach(component -> logs.put(component, platform.logFile(component)));
        }
        new LogFollower(logs, out).run(command.lines(), command.follow());
        return 0;
    }

    private int reset(LauncherConfig config) {
        Platform.open(config).reset();
        out.println("Deleted " + display(config.home()) + ".");
        return 0;
    }

    static String memory(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        return mib >= 1024 ? String.format(Locale.ROOT, "%.2f GiB", mib / 1024) : String.format(Locale.ROOT, "%.0f MiB", mib);
    }

    static String uptime(Duration uptime) {
        long seconds = uptime.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }

    private static String display(Path path) {
        Path base = Path.of("").toAbsolutePath();
        return path.startsWith(base) && !path.equals(base) ? base.relativize(path).toString() : path.toString();
    }
}
