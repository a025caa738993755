package dev.bazaar.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of the {@code bazaar} command, checked: a known command, a known component where one is
 * needed, and only the options that command takes.
 *
 * @param command   {@code up}, {@code down}, {@code status}, {@code restart}, {@code kill}, {@code logs},
 *                  {@code reset} or {@code help}
 * @param component the component a command acts on, if any
 * @param detach    {@code up --detach}: return once healthy, leave everything running
 * @param build     {@code up} rebuilds stale jars unless {@code --no-build}
 * @param follow    {@code logs} keeps following unless {@code --no-follow}
 * @param lines     {@code logs -n N}: lines of history to show first
 * @param only      {@code up catalog gateway}: start PostgreSQL, Kafka and only these applications; empty
 *                  means every application
 */
record CommandLine(String command, Optional<String> component, boolean detach, boolean build, boolean follow, int lines,
                   List<String> only) {

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
            "  help                         this text",
            "",
            "components: " + String.join(", ", LauncherConfig.COMPONENTS),
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
                    try {
                        lines = Integer.parseInt(rest.get(n + 1));
                    } catch (NumberFormatException e) {
                        throw new UsageException("-n needs a number of lines, not '" + rest.get(n + 1) + "'");
                    }
                    if (lines < 0) {
                        throw new UsageException("-n needs a number of lines, not " + lines);
                    }
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
            case "--help", "-h" -> {
                return new CommandLine("help", Optional.empty(), false, false, false, 0, List.of());
            }
            default -> throw new UsageException("unknown command '" + command + "'");
        }
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
