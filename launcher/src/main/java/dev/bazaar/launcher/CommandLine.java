package dev.bazaar.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of the {@code bazaar} command, checked: a known command, a known component where one is
 * needed, and only the options that command takes.
 *
 * @param command   {@code up}, {@code down}, {@code status}, {@code restart}, {@code kill}, {@code logs},
 *                  {@code reset}, {@code audit}, {@code dlq}, {@code rebuild} or {@code help}
 * @param component the component a command acts on, if any (for {@code dlq} and {@code rebuild}: a service)
 * @param detach    {@code up --detach}: return once healthy, leave everything running
 * @param build     {@code up} rebuilds stale jars unless {@code --no-build}
 * @param follow    {@code logs} keeps following unless {@code --no-follow}
 * @param lines     {@code logs -n N}: lines of history to show first
 * @param only      {@code up catalog gateway}: start PostgreSQL, Kafka and only these applications; empty
 *                  means every application
 * @param action    {@code dlq <service> redrive|discard <id>}: what to do with a dead letter
 * @param id        the dead letter it is done to
 * @param patience  {@code audit --wait SECONDS}: repeat the audit until clean for up to this long; zero = once
 */
record CommandLine(String command, Optional<String> component, boolean detach, boolean build, boolean follow, int lines,
                   List<String> only, Optional<String> action, Optional<String> id, Duration patience) {

    CommandLine(String command, Optional<String> component, boolean detach, boolean build, boolean follow, int lines,
                List<String> only) {
        this(command, component, detach, build, follow, lines, only, Optional.empty(), Optional.empty(), Duration.ZERO);
    }

    static final String USAGE = String.join("\n",
            "usage: ./bazaar <command> [arguments]",
            "",
            "  up [--detach] [--no-build] [component...]",
            "                               build stale jars, start everything (or PostgreSQL, Kafka and the",
            "                               components named), wait until healthy; Ctrl-C stops it all,",
            "                               --detach returns and leaves it running",
            "  down                         stop everything (applications, then Kafka, then PostgreSQL)",
            "  status                       each process: pid, address, health, memory, uptime",
            "  restart <component>          stop one component and start it again",
            "  kill <component>             kill one component outright (SIGKILL), for failure drills",
            "  logs [component] [-n LINES] [--no-follow]",
            "                               follow the logs of all components, or of one",
            "  reset                        delete the platform's home (.bazaar/) with all data; only when stopped",
            "  audit [--wait SECONDS]       check the books across the services (orders, payments, stock,",
            "                               dead letters); exits 1 on any violation. --wait repeats it until",
            "                               clean for that long, for a platform still settling",
            "  dlq [service]                list dead letters, NEW first, of every service or of one",
            "  dlq <service> redrive <id>   publish a dead letter again to its topic (marked REDRIVEN)",
            "  dlq <service> discard <id>   mark a dead letter DISCARDED",
            "  rebuild ordering             rebuild ordering's customer-orders projection from its events",
            "  help                         this text",
            "",
            "components: " + String.join(", ", LauncherConfig.COMPONENTS),
            "services (dlq): " + String.join(", ", LauncherConfig.SERVICES),
            "",
            "environment: BAZAAR_HOME, BAZAAR_PORT_OFFSET, BAZAAR_<COMPONENT>_PORT, BAZAAR_POSTGRES_URL,",
            "             BAZAAR_KAFKA_BOOTSTRAP_SERVERS, BAZAAR_START_TIMEOUT, BAZAAR_JVM_OPTS, BAZAAR_MAVEN, JAVA_HOME",
            "             (see docs/launcher.md)");

    /** A command line the {@code bazaar} command does not understand; it exits with status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static CommandLine parse(String... args) {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        String command = args[0];
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        switch (command) {
            case "up" -> {
                boolean detach = rest.remove("--detach") | rest.remove("-d");
                boolean noBuild = rest.remove("--no-build");
                List<String> only = new ArrayList<>();
                while (!rest.isEmpty() && !rest.get(0).startsWith("-")) {
                    only.add(component(rest.remove(0)));
                }
                noMore(command, rest);
                return new CommandLine(command, Optional.empty(), detach, !noBuild, false, 0, List.copyOf(only));
            }
            case "down", "status", "reset", "help" -> {
                noMore(command, rest);
                return new CommandLine(command, Optional.empty(), false, false, false, 0, List.of());
            }
            case "restart", "kill" -> {
                if (rest.size() != 1) {
                    throw new UsageException(command + " needs exactly one component");
                }
                return new CommandLine(command, Optional.of(component(rest.get(0))), false, false, false, 0, List.of());
            }
            case "logs" -> {
                boolean noFollow = rest.remove("--no-follow");
                int lines = 20;
                int n = rest.indexOf("-n");
                if (n >= 0) {
                    if (n + 1 >= rest.size()) {
                        throw new UsageException("-n needs a number of lines");
                    }
                    lines = nonNegative("-n", "a number of lines", rest.get(n + 1));
                    rest.remove(n + 1);
                    rest.remove(n);
                }
                Optional<String> component = Optional.empty();
                if (!rest.isEmpty() && !rest.get(0).startsWith("-")) {
                    component = Optional.of(component(rest.remove(0)));
                }
                noMore(command, rest);
                return new CommandLine(command, component, false, false, !noFollow, lines, List.of());
            }
            case "audit" -> {
                Duration wait = Duration.ZERO;
                int option = rest.indexOf("--wait");
                if (option >= 0) {
                    if (option + 1 >= rest.size()) {
                        throw new UsageException("--wait needs a number of seconds");
                    }
                    wait = Duration.ofSeconds(nonNegative("--wait", "a number of seconds", rest.get(option + 1)));
                    rest.remove(option + 1);
                    rest.remove(option);
                }
                noMore(command, rest);
                return new CommandLine(command, Optional.empty(), false, false, false, 0, List.of(), Optional.empty(),
                        Optional.empty(), wait);
            }
            case "dlq" -> {
                if (rest.isEmpty()) {
                    return new CommandLine(command, Optional.empty(), false, false, false, 0, List.of());
                }
                String service = service(rest.remove(0));
                if (rest.isEmpty()) {
                    return new CommandLine(command, Optional.of(service), false, false, false, 0, List.of());
                }
                String action = rest.remove(0);
                if (!action.equals("redrive") && !action.equals("discard")) {
                    throw new UsageException("dlq " + service + " takes 'redrive <id>' or 'discard <id>', not '" + action + "'");
                }
                if (rest.size() != 1 || rest.get(0).isBlank()) {
                    throw new UsageException("dlq " + service + " " + action + " needs exactly one dead letter id");
                }
                return new CommandLine(command, Optional.of(service), false, false, false, 0, List.of(), Optional.of(action),
                        Optional.of(rest.get(0)), Duration.ZERO);
            }
            case "rebuild" -> {
                if (rest.size() != 1 || !rest.get(0).equals("ordering")) {
                    throw new UsageException("rebuild takes 'ordering' (its customer-orders projection is the only one)");
                }
                return new CommandLine(command, Optional.of("ordering"), false, false, false, 0, List.of());
            }
            case "--help", "-h" -> {
                return new CommandLine("help", Optional.empty(), false, false, false, 0, List.of());
            }
            default -> throw new UsageException("unknown command '" + command + "'");
        }
    }

    private static int nonNegative(String option, String what, String text) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs " + what + ", not '" + text + "'");
        }
        if (value < 0) {
            throw new UsageException(option + " needs " + what + ", not " + value);
        }
        return value;
    }

    private static String service(String name) {
        if (!LauncherConfig.SERVICES.contains(name)) {
            throw new UsageException("unknown service '" + name + "' (one of " + String.join(", ", LauncherConfig.SERVICES) + ")");
        }
        return name;
    }

    private static String component(String name) {
        if (!LauncherConfig.COMPONENTS.contains(name)) {
            throw new UsageException("unknown component '" + name + "' (one of " + String.join(", ", LauncherConfig.COMPONENTS) + ")");
        }
        return name;
    }

    private static void noMore(String command, List<String> rest) {
        if (!rest.isEmpty()) {
            throw new UsageException(command + " does not take '" + String.join(" ", rest) + "'");
        }
    }
}
