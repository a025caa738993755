package dev.bazaar.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code bazaar} command: {@code up}, {@code down}, {@code status}, {@code restart}, {@code kill},
 * {@code logs}, {@code reset}, {@code audit}, {@code dlq}, {@code rebuild}. Exits 0 on success, 1 when
 * something fails (an audit violation included), 2 on a usage error.
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
                case "audit" -> audit(config.build(), command.patience());
                case "dlq" -> dlq(config.build(), command);
                case "rebuild" -> rebuild(config.build());
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

    private int audit(LauncherConfig config, Duration wait) {
        Platform platform = runningPlatform(config);
        AuditReport report = wait.isZero() ? platform.audit() : platform.audit(wait);
        out.print(auditText(report));
        return report.clean() ? 0 : 1;
    }

    /** The report of {@code bazaar audit}: one line per violation, then what was checked, then the verdict. */
    static String auditText(AuditReport report) {
        StringBuilder text = new StringBuilder("Audit of the books at " + report.checkedAt().truncatedTo(ChronoUnit.SECONDS) + "\n");
        if (!report.violations().isEmpty()) {
            text.append("\nViolations:\n");
            for (AuditReport.Violation violation : report.violations()) {
                text.append("  ").append(violation).append("  [").append(ruleName(violation.rule())).append("]\n");
            }
        }
        text.append('\n');
        List<String> statuses = new ArrayList<>();
        report.ordersByStatus().forEach((status, count) -> statuses.add(status + " " + count));
        text.append(String.format("%-14s%d%s%n", "orders", report.orders(), statuses.isEmpty() ? "" : " (" + String.join(", ", statuses) + ")"));
        text.append(String.format("%-14s%d%n", "payments", report.payments()));
        text.append(String.format("%-14s%d%n", "reservations", report.reservations()));
        int skipped = report.skus() - report.skusComparedWithOrders();
        text.append(String.format("%-14s%d SKUs, %d compared with ordering's orders%s%n", "stock", report.skus(),
                report.skusComparedWithOrders(), skipped == 0 ? "" : " (" + skipped + " with an order in flight or ordering unread)"));
        List<String> perService = new ArrayList<>();
        report.deadLetters().forEach((service, count) -> {
            if (count > 0) {
                perService.add(service + " " + count);
            }
        });
        text.append(String.format("%-14s%d, %d NEW%s%n", "dead letters", report.totalDeadLetters(), report.newDeadLetters(),
                perService.isEmpty() ? "" : " (" + String.join(", ", perService) + ")"));
        if (!report.unreachable().isEmpty()) {
            text.append(String.format("%-14s%s%n", "unreachable", String.join(", ", report.unreachable())));
        }
        text.append('\n');
        int count = report.violations().size();
        text.append(count == 0 ? "OK: the books balance.\n" : "FAILED: " + count + (count == 1 ? " violation.\n" : " violations.\n"));
        return text.toString();
    }

    /** {@code DELIVERED_ORDER_PAID_ONCE} as {@code delivered-order-paid-once}, as docs/launcher.md names the rules. */
    static String ruleName(AuditReport.Rule rule) {
        return rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private int dlq(LauncherConfig config, CommandLine command) {
        Platform platform = runningPlatform(config);
        if (command.action().isPresent()) {
            String service = command.component().orElseThrow();
            String id = command.id().orElseThrow();
            if (command.action().get().equals("redrive")) {
                platform.redriveDeadLetter(service, id);
                out.println("Redriven: " + service + " dead letter " + id + " was published again to its topic.");
            } else {
                platform.discardDeadLetter(service, id);
                out.println("Discarded: " + service + " dead letter " + id + ".");
            }
            return 0;
        }
        List<String> services = command.component().map(List::of).orElse(LauncherConfig.SERVICES);
        List<DeadLetter> letters = new ArrayList<>();
        boolean failed = false;
        for (String service : services) {
            try {
                letters.addAll(platform.deadLetters(service));
            } catch (ServiceUnreachableException e) {
                err.println("bazaar: " + e.getMessage());
                failed = true;
            }
        }
        out.print(deadLetterTable(Platform.sortDeadLetters(letters)));
        return failed ? 1 : 0;
    }

    /** The listing of {@code bazaar dlq}: one row per dead letter, then how many and how many are NEW. */
    static String deadLetterTable(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return "No dead letters.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "ID", "STATUS", "DEAD AT", "TYPE", "FROM", "KEY", "ERROR"});
        for (DeadLetter letter : letters) {
            rows.add(new String[] {letter.service(), letter.id(), letter.status(),
                    letter.deadAt() == null ? "-" : letter.deadAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                    letter.eventType() == null ? "-" : letter.eventType(), letter.origin(),
                    letter.key() == null ? "-" : letter.key(),
                    letter.error() == null ? "-" : Audit.oneLine(letter.error(), 80)});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        long fresh = letters.stream().filter(DeadLetter::isNew).count();
        table.append(letters.size()).append(letters.size() == 1 ? " dead letter, " : " dead letters, ").append(fresh)
                .append(" NEW").append(fresh == 0 ? "" : " ('./bazaar dlq <service> redrive|discard <id>')").append(".\n");
        return table.toString();
    }

    private int rebuild(LauncherConfig config) {
        ProjectionRebuild rebuild = runningPlatform(config).rebuildCustomerOrders();
        out.printf(Locale.ROOT, "Rebuilt ordering's %s projection: %d orders from %d events in %.1f s.%n", rebuild.projection(),
                rebuild.orders(), rebuild.events(), rebuild.tookMs() / 1000.0);
        return 0;
    }

    /** The platform under the home, refusing clearly when nothing of it runs. */
    private static Platform runningPlatform(LauncherConfig config) {
        Platform platform = Platform.open(config);
        if (!platform.isRunning()) {
            throw new LauncherException("Nothing is running in " + display(config.home()) + "; './bazaar up' starts the platform.");
        }
        return platform;
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
