package dev.bazaar.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.bazaar.audit.AuditReport;
import dev.bazaar.audit.DeadLetter;
import dev.bazaar.platform.slo.GrafanaDashboard;
import dev.bazaar.platform.slo.PromDuration;
import dev.bazaar.platform.slo.PrometheusRules;
import dev.bazaar.platform.slo.ScrapeConfig;
import dev.bazaar.platform.slo.SloException;
import dev.bazaar.platform.slo.SloFiles;
import dev.bazaar.platform.slo.Slos;
import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.EventCatalog;
import dev.bazaar.platform.topology.Topology;
import dev.bazaar.platform.topology.TopologyDocs;
import dev.bazaar.platform.topology.TopologyException;
import dev.bazaar.check.Check;
import dev.bazaar.check.Scorecard;
import org.apache.commons.io.FileUtils;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code bazaar} command, one method per verb. Exits 0 on success, 1 when something fails (an audit violation
 * included), 2 on a usage error.
 */
@Command(name = "bazaar", mixinStandardHelpOptions = true, versionProvider = Bazaar.Version.class,
        subcommands = {CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class},
        description = "Runs the Bazaar platform on this machine: every component of topology.yaml (PostgreSQL, Kafka, "
                + "Zipkin, the services, the gateway, the console and the shop) as a process of its own, with its data under .bazaar/.",
        footerHeading = "%nEnvironment:%n",
        footer = {"  BAZAAR_HOME              the platform's home (default .bazaar/)",
                "  BAZAAR_PORT_OFFSET       added to every port of topology.yaml",
                "  BAZAAR_<COMPONENT>_PORT  one port exactly, e.g. BAZAAR_GATEWAY_PORT=80",
                "  BAZAAR_POSTGRES_URL      a PostgreSQL to use instead of starting one",
                "  BAZAAR_KAFKA_BOOTSTRAP_SERVERS  a Kafka to use instead of starting one",
                "  BAZAAR_START_TIMEOUT     seconds a component may take to be healthy (180)",
                "  BAZAAR_JVM_OPTS          extra JVM options for every application",
                "  BAZAAR_MAVEN, JAVA_HOME  the Maven command and the JDK to use",
                "",
                "'./bazaar help <command>' explains a command; docs/launcher.md has more.",
                "Shell completion: source <(./bazaar generate-completion)"})
public final class Bazaar implements Runnable {

    private static final String ANY = "A component of topology.yaml, or one instance of a service such as ordering-2.";

    @Spec
    CommandSpec spec;

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
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs one command line, as {@code ./bazaar} does, writing to these streams; returns the exit code. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new Bazaar(out, err));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((exception, commandLine, parsed) -> {
            if (!(exception instanceof LauncherException)) {
                throw exception;
            }
            err.println("bazaar: " + exception.getMessage() + (exception instanceof ComponentFailedException failed
                    ? " ('./bazaar logs " + failed.component() + "' shows its log)" : ""));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = {"Build what is stale, start what is not running, "
            + "and wait until it is healthy and settled (the first events have reached their consumers).",
            "Components start in the order of their waits-for in topology.yaml; a service runs as many instances as "
                    + "the map says. In the foreground it then supervises: a process that crashes or whose liveness is "
                    + "DOWN is started again ('./bazaar kill' leaves what it kills down). Ctrl-C stops everything."})
    int up(@Option(names = {"-d", "--detach"}, description = "Return once it is up, and leave it running.") boolean detach,
           @Option(names = "--no-build", description = "Do not rebuild jars older than their sources.") boolean noBuild,
           @Parameters(paramLabel = "COMPONENT", arity = "0..*", completionCandidates = Names.class,
                   description = "Start only these, and what they wait for. Default: everything.") List<String> only)
            throws InterruptedException {
        List<String> components = only == null ? List.of() : only;
        components.forEach(name -> target("up", name, false));
        LauncherConfig config = config().only(components).buildIfStale(!noBuild).stopOnExit(!detach).build();
        out.println("Bazaar: starting in " + display(config.home())
                + (config.portOffset() == 0 ? "" : " (ports shifted by " + config.portOffset() + ")"));
        Platform platform = Platform.prepare(config, ProgressListener.printingTo(out));
        platform.up();
        if (detach) {
            out.println("Running in the background: './bazaar status', './bazaar logs', './bazaar down'.");
            return 0;
        }
        out.println("Press Ctrl-C to stop everything. What crashes, or says it is not live, is started again.");
        // Until Ctrl-C ends the JVM, supervise: bring back what fails by itself ('./bazaar kill' is left down).
        while (!platform.isStopping()) {
            Thread.sleep(2000);
            try {
                platform.heal().forEach(id -> out.printf("  %-14s back%n", id));
            } catch (LauncherException e) {
                if (!platform.isStopping()) {
                    err.println("bazaar: could not bring it back: " + e.getMessage() + "; trying again");
                }
            }
        }
        return 0;
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop everything, the last wave first: the applications (gracefully), then Kafka and PostgreSQL. Data stays.")
    int down() {
        LauncherConfig config = config().build();
        Platform platform = Platform.open(config, ProgressListener.printingTo(out));
        boolean running = platform.isRunning();
        long begin = System.nanoTime();
        platform.stop();
        out.println(running ? "Stopped in " + ProgressListener.since(begin) + "." : "Nothing is running in " + display(config.home()) + ".");
        return 0;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Each process (every instance of a service): pid, address, health, memory, uptime.")
    int status() {
        LauncherConfig config = config().build();
        Platform platform = Platform.open(config);
        List<ComponentStatus> components = platform.status();
        out.print(Reports.statusTable(components));
        out.println(components.stream().anyMatch(ComponentStatus::running)
                ? "gateway: " + platform.gatewayUrl() + platform.consoleUrl().map(console -> "    console: " + console.resolve("/")).orElse("")
                        + "    home: " + display(config.home())
                : "Nothing is running; './bazaar up' starts it.");
        return 0;
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = {"Redeploy one component while the rest keep running.",
            "A service's instances are replaced one at a time: the new one starts, becomes healthy and joins the gateway, "
                    + "then an old one leaves it, finishes what it holds and stops. Crashed instances come back."})
    int restart(@Parameters(paramLabel = "COMPONENT", completionCandidates = Names.class, description = "A component of topology.yaml.")
                String component) {
        target("restart", component, false);
        long begin = System.nanoTime();
        Platform.open(config().build(), ProgressListener.printingTo(out)).restart(component);
        out.println("Restarted " + component + " in " + ProgressListener.since(begin) + ".");
        return 0;
    }

    @Command(name = "scale", mixinStandardHelpOptions = true, description = {"Run N instances of a service (0 to 9) while the platform runs.",
            "New instances get the next ports (port + 100, + 200 ...), share the service's Kafka partitions and are "
                    + "balanced by the gateway once healthy; removed ones are drained first."})
    int scale(@Parameters(paramLabel = "SERVICE", completionCandidates = Names.class, description = "A service of topology.yaml.") String service,
              @Parameters(paramLabel = "N", description = "How many instances run from now on.") int count) {
        service("scale", service);
        if (count < 0 || count > Topology.MAX_INSTANCES) {
            throw usage("scale", "A service runs 0 to " + Topology.MAX_INSTANCES + " instances, not " + count);
        }
        long begin = System.nanoTime();
        Platform platform = runningPlatform(ProgressListener.printingTo(out));
        platform.scale(service, count);
        out.println(service + " runs " + platform.instances(service).size() + " instance(s): "
                + String.join(", ", platform.instances(service)) + " (" + ProgressListener.since(begin) + ").");
        return 0;
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = "Kill a component (every instance of it) or one instance outright (SIGKILL), as a crash would.")
    int kill(@Parameters(paramLabel = "COMPONENT|INSTANCE", completionCandidates = Names.class, description = ANY) String target) {
        target("kill", target, true);
        OptionalLong pid = Platform.open(config().build()).kill(target);
        out.println(pid.isPresent() ? "Killed " + target + " (pid " + pid.getAsLong() + ")." : target + " is not running.");
        return 0;
    }

    @Command(name = "logs", mixinStandardHelpOptions = true,
            description = {"Follow the logs of every process, of a component's instances, or of one instance.",
                    "With --trace or --order: the lines of that trace or order from every process, merged in time order "
                            + "(from the structured logs, logs/<instance>.json), and return."})
    int logs(@Parameters(paramLabel = "COMPONENT|INSTANCE", arity = "0..1", completionCandidates = Names.class,
                     description = ANY + " Default: everything.") String target,
             @Option(names = "-n", paramLabel = "LINES", defaultValue = "20", description = "Lines of history first (default 20).") int lines,
             @Option(names = "--no-follow", description = "Print the history and return.") boolean noFollow,
             @Option(names = "--trace", paramLabel = "TRACE_ID", description = "Only the lines of this trace, from every process.") String traceId,
             @Option(names = "--order", paramLabel = "ORDER_ID", description = "Only the lines of this order's journey, from every process.")
             String orderId) throws InterruptedException {
        if (lines < 0) {
            throw usage("logs", "-n needs a number of lines, not " + lines);
        }
        Platform platform = Platform.open(config().build());
        if (traceId != null || orderId != null) {
            if (traceId != null && orderId != null || target != null) {
                throw usage("logs", "--trace and --order each search every process's log; give one of them, alone");
            }
            LogSearch search = LogSearch.in(platform.config().home());
            List<LogSearch.Line> found = traceId != null ? search.ofTrace(traceId.trim()) : search.ofOrder(orderId.trim());
            found.forEach(line -> out.println(line.render()));
            if (found.isEmpty()) {
                err.println("No log line of " + (traceId != null ? "trace " + traceId : "order " + orderId) + " in "
                        + platform.config().home().resolve("logs") + " (*.json)");
                return 1;
            }
            return 0;
        }
        Map<String, Path> logs = new LinkedHashMap<>();
        List<String> targets = target == null ? platform.config().topology().names() : List.of(target("logs", target, true));
        targets.forEach(name -> logs.putAll(platform.logFiles(name)));
        new LogFollower(logs, out).run(lines, !noFollow);
        return 0;
    }

    @Command(name = "trace", mixinStandardHelpOptions = true,
            description = {"Print an order's trace as a tree, as Zipkin holds it: every span of its journey (gateway, checkout, "
                    + "each event published and consumed, the charge, the carrier), with its service, start, duration, "
                    + "outcome and errors; and the link to open it in Zipkin's UI."})
    int trace(@Parameters(paramLabel = "ORDER_ID", description = "The order's id, as POST /api/orders answered it.") String orderId) {
        Platform platform = runningPlatform(ProgressListener.silent());
        Optional<TraceTree> trace = platform.trace(orderId.trim());
        if (trace.isEmpty()) {
            err.println("Zipkin has no trace of order " + orderId + ". Spans arrive a second or two after each step; "
                    + "Zipkin keeps the newest 20,000 spans (some 800 orders).");
            return 1;
        }
        trace.get().render().forEach(out::println);
        return 0;
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Delete the platform's home (.bazaar/): databases, topics, logs, secrets. Only when stopped.")
    int reset() {
        LauncherConfig config = config().build();
        Platform.open(config).reset();
        out.println("Deleted " + display(config.home()) + ".");
        return 0;
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the books across the services: every "
            + "order settled, paid once when delivered, nothing kept when cancelled, stock balanced, no dead letter unseen. "
            + "Exits 1 on any violation.")
    int audit(@Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Repeat it every second until clean, for up to this long: for a platform still settling.") int wait) {
        if (wait < 0) {
            throw usage("audit", "--wait needs a number of seconds, not " + wait);
        }
        // Progress on standard error: a large platform takes a while, and the report stays alone on standard output.
        Platform platform = runningPlatform(ProgressListener.printingTo(err));
        AuditReport report = wait == 0 ? platform.audit() : platform.audit(Duration.ofSeconds(wait));
        out.print(Reports.auditText(report));
        return report.clean() ? 0 : 1;
    }

    @Command(name = "dlq", mixinStandardHelpOptions = true, description = {"List the dead letters of every service, or of one: "
            + "NEW first, then oldest first.", "'dlq SERVICE redrive ID' has the service apply one again (the reason is shown if it still fails); "
            + "'dlq SERVICE discard ID' sets it aside for good."})
    int dlq(@Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", completionCandidates = Names.class,
                    description = "Only this service's dead letters.") String service,
            @Parameters(index = "1", arity = "0..1", paramLabel = "redrive|discard", description = "What to do with one of them.") String action,
            @Parameters(index = "2", arity = "0..1", paramLabel = "ID", description = "Its id, as the listing shows it.") String id) {
        if (service != null) {
            service("dlq", service);
        }
        if (action != null && !List.of("redrive", "discard").contains(action)) {
            throw usage("dlq", "dlq " + service + " takes 'redrive ID' or 'discard ID', not '" + action + "'");
        }
        if (action != null && (id == null || id.isBlank())) {
            throw usage("dlq", "dlq " + service + " " + action + " needs a dead letter's ID");
        }
        if (action != null && !id.matches("[1-9][0-9]{0,18}")) {
            throw usage("dlq", "a dead letter's ID is a number, as 'dlq " + service + "' lists it, not '" + id + "'");
        }
        Platform platform = runningPlatform(ProgressListener.silent());
        if ("redrive".equals(action)) {
            platform.redriveDeadLetter(service, id);
            out.println("Redriven: " + service + " applied dead letter " + id + ".");
            return 0;
        }
        if ("discard".equals(action)) {
            platform.discardDeadLetter(service, id);
            out.println("Discarded: " + service + " dead letter " + id + ".");
            return 0;
        }
        List<DeadLetter> letters = new ArrayList<>();
        boolean failed = false;
        for (String each : service != null ? List.of(service) : services(platform.config().topology())) {
            try {
                letters.addAll(platform.deadLetters(each));
            } catch (ServiceUnreachableException e) {
                err.println("bazaar: " + e.getMessage());
                failed = true;
            }
        }
        out.print(Reports.deadLetterTable(Platform.sortDeadLetters(letters)));
        return failed ? 1 : 0;
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "Rebuild ordering's customer-orders read model from its event streams, while it serves.")
    int rebuild(@Parameters(paramLabel = "ordering", description = "The one service with a rebuildable read model.") String service) {
        if (!"ordering".equals(service)) {
            throw usage("rebuild", "rebuild takes 'ordering' (its customer-orders projection is the only one)");
        }
        ProjectionRebuild rebuild = runningPlatform(ProgressListener.silent()).rebuildCustomerOrders();
        out.printf(Locale.ROOT, "Rebuilt ordering's %s projection: %d orders from %d events in %.1f s.%n",
                rebuild.projection(), rebuild.orders(), rebuild.events(), rebuild.tookMs() / 1000.0);
        return 0;
    }

    @Command(name = "rotate-card-key", mixinStandardHelpOptions = true, description = {"Rotate payment's key-encryption key: "
            + "a new one becomes current, every card key (offered, or held by a payment in flight) is re-wrapped under it, "
            + "and the old one is deleted once nothing is wrapped under it.", "Payments in flight are charged as usual."})
    int rotateCardKey() throws InterruptedException {
        Platform platform = runningPlatform(ProgressListener.silent());
        CardKeyState state = platform.rotateCardKey();
        out.printf(Locale.ROOT, "Key-encryption key %s is current; %d card keys to re-wrap.%n", state.current(), state.toRewrap());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long shown = state.toRewrap();
        while (!state.settled() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            state = platform.cardKeys();
            if (state.toRewrap() != shown) {
                shown = state.toRewrap();
                out.printf(Locale.ROOT, "  %d to re-wrap%n", shown);
            }
        }
        if (!state.settled()) {
            err.printf(Locale.ROOT, "bazaar: %d card keys still wait to be re-wrapped under %s (kept: %s); "
                    + "payment goes on in the background ('./bazaar logs payment').%n", state.toRewrap(), state.current(),
                    String.join(", ", state.keyEncryptionKeys()));
            return 1;
        }
        out.println("Every card key is wrapped under " + state.current() + "; the older key-encryption keys are deleted.");
        return 0;
    }

    @Command(name = "rotate-signing-key", mixinStandardHelpOptions = true, description = {"Make identity sign tokens "
            + "with a new key from now on.", "The old key stays published (JWKS) until the last token it signed has expired, "
            + "so signed-in callers and the services that check their tokens go on without a restart."})
    int rotateSigningKey() {
        Platform platform = runningPlatform(ProgressListener.silent());
        out.println("Signing key " + platform.rotateSigningKey() + " signs from now on; the previous ones stay published "
                + "until their tokens expire.");
        return 0;
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = {"Sign in and print an access token, for curl:",
            "  curl -H \"Authorization: Bearer $(./bazaar token ada@example.com)\" ...",
            "It signs in as a browser would (authorization code with PKCE, client bazaar-cli, identity's sign-in form). "
                    + "The staff account's password is kept by the platform; another account's is asked for, or read "
                    + "from standard input with --password-stdin. The token is good for 10 minutes."})
    int token(@Parameters(paramLabel = "EMAIL", arity = "0..1", defaultValue = Identity.STAFF_EMAIL,
                      description = "The account's e-mail address. Default: the staff account, ${DEFAULT-VALUE}.") String email,
              @Option(names = "--password-stdin", description = "Read the password from standard input.") boolean passwordStdin)
            throws IOException {
        Platform platform = runningPlatform(ProgressListener.silent());
        if (email.equalsIgnoreCase(Identity.STAFF_EMAIL)) {
            out.println(platform.staffToken());
            return 0;
        }
        String password;
        if (passwordStdin) {
            password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } else if (System.console() != null) {
            password = new String(System.console().readPassword("Password for %s: ", email));
        } else {
            password = askTheTerminal("Password for " + email + ": ").orElseThrow(() -> new ParameterException(
                    spec.subcommands().get("token"), "No terminal to ask for the password: use --password-stdin"));
        }
        out.println(platform.token(email, password));
        return 0;
    }

    /**
     * Asks the process's terminal directly, without echo: Java 17 has no console when standard output is taken, as
     * {@code TOKEN=$(./bazaar token ada@example.com)} takes it. Empty without a terminal.
     */
    private static Optional<String> askTheTerminal(String prompt) {
        File tty = new File("/dev/tty");
        try (var in = new BufferedReader(new InputStreamReader(new FileInputStream(tty), StandardCharsets.UTF_8));
             var terminal = new PrintStream(new FileOutputStream(tty), true, StandardCharsets.UTF_8)) {
            terminal.print(prompt);
            stty(tty, "-echo");
            try {
                return Optional.ofNullable(in.readLine());
            } finally {
                stty(tty, "echo");
                terminal.println();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void stty(File tty, String mode) throws IOException {
        try {
            new ProcessBuilder("stty", mode).redirectInput(tty).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, description = {"Measure the running platform: open a shop on "
            + "it (shoppers who sign up, products stocked, one sold out), place orders through the gateway step after "
            + "step, wait for the saga to end them, and report.",
            "Closed loop (--clients): each client places its next order when the last is answered. Open loop (--rates): "
                    + "orders fall due on a schedule and latency counts from when each was due, so queueing shows.",
            "It prints the headline figures and writes a report (HTML, with plots) and a JSON summary to "
                    + ".bazaar/reports/. Orders stay in the platform afterwards.",
            "  ./bazaar bench --clients 1,8,32,64 --duration 60s",
            "  ./bazaar bench --rates 25,50,100 --duration 60s",
            "  ./bazaar bench --find-knee"})
    int bench(@Option(names = "--clients", split = ",", paramLabel = "N",
                      description = "Closed loop: a step per number of clients (default 1,8,32,64 when no --rates).") List<Integer> clients,
              @Option(names = "--rates", split = ",", paramLabel = "PER_SECOND",
                      description = "Open loop: a step per rate, in orders a second.") List<Double> rates,
              @Option(names = "--duration", defaultValue = "60s", paramLabel = "TIME",
                      description = "How long each step lasts: 30s, 5m (default ${DEFAULT-VALUE}).") String duration,
              @Option(names = "--shoppers", defaultValue = "20", description = "Shoppers signed up for the run (default ${DEFAULT-VALUE}).") int shoppers,
              @Option(names = "--declined", defaultValue = "10", paramLabel = "PERCENT",
                      description = "Orders paid with a card that is declined (default ${DEFAULT-VALUE}%%).") double declined,
              @Option(names = "--sold-out", defaultValue = "5", paramLabel = "PERCENT",
                      description = "Orders of a product that is out of stock (default ${DEFAULT-VALUE}%%).") double soldOut,
              @Option(names = "--drain", defaultValue = "5m", paramLabel = "TIME",
                      description = "How long to wait after the load for the orders still in the saga (default ${DEFAULT-VALUE}).") String drain,
              @Option(names = "--sample", defaultValue = "300", paramLabel = "N",
                      description = "Orders whose event streams give the saga's stage times (default ${DEFAULT-VALUE}).") int sample,
              @Option(names = "--find-knee", description = "Open loop, the rate stepping up (by default 20/s, 30/s, ... "
                      + "400/s) until the platform does not keep up with a step (orders shed or failed, or fewer ended "
                      + "than placed in its second half); then name the knee and how busy the cores were.") boolean findKnee)
            throws InterruptedException {
        dev.bazaar.bench.Options options;
        if (findKnee && rates == null && clients == null) {
            rates = java.util.stream.IntStream.rangeClosed(2, 40).mapToObj(tens -> tens * 10.0).toList();
        }
        try {
            options = new dev.bazaar.bench.Options(clients == null && rates == null ? List.of(1, 8, 32, 64)
                    : clients == null ? List.of() : clients, rates == null ? List.of() : rates, PromDuration.parse(duration),
                    shoppers, declined / 100, soldOut / 100, PromDuration.parse(drain), sample, findKnee);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.subcommands().get("bench"), e.getMessage());
        }
        try {
            new dev.bazaar.bench.Bench(new BenchTarget(runningPlatform(ProgressListener.silent())), out).run(options);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new LauncherException("the benchmark stopped: " + e.getMessage(), e);
        }
        return 0;
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, description = {"Place orders on Bazaar and on a "
            + "distributed monolith side by side, with the card processor made slower step by step, and report what a "
            + "shopper sees: latency and availability of placing an order.",
            "The monolith is samples/distributed-monolith, a synchronous order chain on one shared database (built when "
                    + "stale, started beside the running platform on its PostgreSQL, stopped afterwards). Each step is an "
                    + "open loop at the same rate on each; a request unanswered after 5 s has failed. JSON figures go to "
                    + ".bazaar/reports/.",
            "  ./bazaar compare --card-latency 0ms,200ms,2s --rate 10 --duration 30s"})
    int compare(@Option(names = "--card-latency", split = ",", defaultValue = "0ms,200ms,2s", paramLabel = "TIME",
                        description = "How late the card processor answers, a step each (default ${DEFAULT-VALUE}).")
                List<String> latencies,
                @Option(names = "--rate", defaultValue = "10", paramLabel = "PER_SECOND",
                        description = "Orders a second on each (default ${DEFAULT-VALUE}).") double rate,
                @Option(names = "--duration", defaultValue = "30s", paramLabel = "TIME",
                        description = "How long each step lasts (default ${DEFAULT-VALUE}).") String duration)
            throws InterruptedException {
        List<Duration> cardLatencies;
        Duration step;
        try {
            cardLatencies = latencies.stream().map(PromDuration::parse).toList();
            step = PromDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw usage("compare", e.getMessage());
        }
        if (cardLatencies.stream().anyMatch(latency -> latency.compareTo(Duration.ofSeconds(30)) > 0)) {
            throw usage("compare", "a card latency is 30 s at most");
        }
        if (!(rate > 0 && rate <= 200) || step.compareTo(Duration.ofSeconds(1)) < 0 || step.compareTo(Duration.ofMinutes(10)) > 0) {
            throw usage("compare", "the rate is above 0 and at most 200 orders a second, a step lasts from 1 s to 10 min");
        }
        Platform platform = runningPlatform(ProgressListener.printingTo(out));
        out.println("Starting the distributed monolith (" + Monolith.SAMPLE + ") beside the platform...");
        try (Monolith monolith = Monolith.start(platform, ProgressListener.printingTo(out))) {
            new dev.bazaar.bench.Comparison(new BenchTarget(platform), monolith.url("order-service"), monolith.url("payment-service"), out)
                    .run(cardLatencies, rate, step);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new LauncherException("the comparison stopped: " + e.getMessage(), e);
        }
        return 0;
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = {"Measure a repository (this one, or anyone's "
            + "Java system, built with Maven or Gradle) for the seven signs of a distributed monolith and print a scorecard: each sign's verdict "
            + "(CLEAR, WARNING, PRESENT, or NOT_ANALYSED with the reason), the rule it was judged by, and the evidence "
            + "(file:line, commit ids, trace ids). From its build, configuration, code and git history; from traces and "
            + "a live PostgreSQL's grants when given. Writes an HTML report with the service-dependency graph too. Exit 1 "
            + "when a sign is present, so that it can gate a build. See docs/check.md.",
            "  ./bazaar check .",
            "  ./bazaar check samples/distributed-monolith --format json",
            "  ./bazaar check https://github.com/someone/shop.git --since 2025-01-01",
            "  ./bazaar check . --traces traces/ --postgres platform"})
    int check(@Parameters(paramLabel = "PATH|GIT-URL", arity = "0..1", defaultValue = ".",
                      description = "The repository's root (default: here), or a git URL to clone (the only network access).") String source,
              @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
                      description = "How to print the scorecard (default ${DEFAULT-VALUE}).") CheckFormat format,
              @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Read git history from this day on "
                      + "(signs 3 and 7; default: all of it).") java.time.LocalDate since,
              @Option(names = "--traces", paramLabel = "DIR", description = "Zipkin JSON v2 or OTLP JSON trace files (a "
                      + "file or a folder of *.json): synchronous chains and errors passed up them (signs 1 and 5).") Path traces,
              @Option(names = "--postgres", paramLabel = "JDBC-URL|platform", description = "A PostgreSQL to read grants "
                      + "from (sign 2): which login roles can reach which database. Credentials in the URL or PGUSER and "
                      + "PGPASSWORD; 'platform' is this platform's own, as its superuser.") String postgres,
              @Option(names = "--clients", split = ",", paramLabel = "TYPE", description = "More synchronous client "
                      + "types, by simple name, beside RestClient, RestTemplate, WebClient, HttpClient, OkHttp, Feign "
                      + "and gRPC stubs: every call on one is a request (signs 1, 5, 6).") List<String> clients,
              @Option(names = "--html", paramLabel = "FILE", description = "Where to write the HTML report (default: "
                      + ".bazaar/reports/check-<time>.html).") Path html) throws IOException {
        if (html != null) {
            reportCanBeWritten(html);
        }
        boolean clone = dev.bazaar.check.Sources.isGitUrl(source);
        if (clone) {
            err.println("Cloning " + source + " ...");
        }
        Path path;
        try {
            path = dev.bazaar.check.Sources.resolve(source);
        } catch (IOException e) {
            throw new LauncherException(e.getMessage(), e);
        }
        if (!clone && !Files.isDirectory(path)) {
            throw usage("check", "No such folder: " + source);
        }
        if (traces != null && !Files.exists(traces)) {
            throw usage("check", "No such trace file or folder: " + traces);
        }
        LauncherConfig config = config().build();
        String jdbc = postgres;
        if ("platform".equals(postgres)) {
            Platform platform = runningPlatform(ProgressListener.silent());
            Credentials admin = platform.superuserCredentials();
            jdbc = platform.postgresJdbcUrl("postgres") + "?user=" + admin.username() + "&password=" + admin.password();
        }
        Scorecard card;
        try {
            card = Check.run(path, new Check.Options(Optional.ofNullable(since), Optional.ofNullable(traces),
                    Optional.ofNullable(jdbc), clients == null ? java.util.Set.of() : java.util.Set.copyOf(clients)));
        } catch (dev.bazaar.check.Unreadable e) {
            throw new LauncherException("cannot check " + source + ": " + e.getMessage(), e);
        } finally {
            if (clone) {
                FileUtils.deleteDirectory(path.getParent().toFile()); // the clone was ours, made for this check only
            }
        }
        out.print(format == CheckFormat.json ? card.json() + System.lineSeparator() : card.text());
        Path report = html != null ? html : config.home().resolve("reports").resolve("check-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".html");
        try {
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, dev.bazaar.check.HtmlReport.html(card), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LauncherException("cannot write the HTML report to " + report + ": " + e, e);
        }
        (format == CheckFormat.json ? err : out).println("HTML report: " + display(report.toAbsolutePath()));
        return card.exitCode();
    }

    /** Said before the check runs, which can take minutes: the report's folder is made if need be. */
    private void reportCanBeWritten(Path html) {
        Path folder = html.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw usage("check", "--html " + html + ": cannot make its folder (" + e + ")");
        }
        if (Files.isDirectory(html) || !Files.isWritable(folder)) {
            throw usage("check", "--html " + html + ": not a file that can be written");
        }
    }

    /** As typed after {@code --format}. */
    enum CheckFormat { text, json }

    @Command(name = "topology", mixinStandardHelpOptions = true,
            description = "Show the platform's map, topology.yaml, as this launcher reads it (ports shifted).")
    int topology(@Option(names = "--write-docs", description = "Regenerate " + TopologyDocs.PATH + ", " + EventCatalog.PAGE + " and "
            + EventCatalog.ASYNCAPI + "/ from the map and the schemas, and " + PrometheusRules.PATH + ", " + ScrapeConfig.PATH + " and "
            + GrafanaDashboard.PATH + " from " + Slos.FILE + " and the map.")
                 boolean writeDocs) throws IOException {
        LauncherConfig config = config().build();
        if (writeDocs) {
            Map<String, String> files = new LinkedHashMap<>();
            files.put(TopologyDocs.PATH, TopologyDocs.markdown(config.topology()));
            files.putAll(new EventCatalog(config.topology(), config.repoRoot().resolve("contracts")).files());
            try {
                files.putAll(SloFiles.files(Slos.load(config.repoRoot().resolve(Slos.FILE)), config.topology()));
            } catch (SloException e) {
                throw new LauncherException(e.getMessage(), e);
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = config.repoRoot().resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                out.println("Wrote " + display(path) + ".");
            }
        } else {
            out.print(Reports.topologyTable(config.topology(), config));
        }
        return 0;
    }

    /** The configuration of the repository this launcher was started from, as the BAZAAR_* variables change it. */
    private LauncherConfig.Builder config() {
        return LauncherConfig.builder(root()).fromEnvironment(System.getenv());
    }

    private static Path root() {
        String root = System.getProperty("bazaar.root");
        return root != null ? Path.of(root) : LauncherConfig.findRepoRoot(Path.of(""));
    }

    /** The platform under the home, refusing clearly when nothing of it runs. */
    private Platform runningPlatform(ProgressListener progress) {
        LauncherConfig config = config().build();
        Platform platform = Platform.open(config, progress);
        if (!platform.isRunning()) {
            throw new LauncherException("Nothing is running in " + display(config.home()) + "; './bazaar up' starts the platform.");
        }
        return platform;
    }

    /** A component of the map or, where instances are allowed, one instance of an application ({@code ordering-2}). */
    private String target(String command, String name, boolean instances) {
        Topology topology = config().build().topology();
        boolean instance = instances && name.matches("[a-z][a-z0-9]*-[2-9]")
                && topology.find(name.substring(0, name.lastIndexOf('-'))).filter(component -> component.kind().isApplication()).isPresent();
        if (topology.find(name).isEmpty() && !instance) {
            throw usage(command, "Unknown component '" + name + "' (one of " + String.join(", ", topology.names())
                    + (instances ? "; or an instance such as ordering-2" : "") + ")");
        }
        return name;
    }

    private void service(String command, String name) {
        List<String> services = services(config().build().topology());
        if (!services.contains(name)) {
            throw usage(command, "Unknown service '" + name + "' (one of " + String.join(", ", services) + ")");
        }
    }

    private static List<String> services(Topology topology) {
        return topology.services().stream().map(Component::name).toList();
    }

    private ParameterException usage(String command, String message) {
        return new ParameterException(spec.subcommands().get(command), message);
    }

    /** A path as short as it can be said: relative to the working directory when under it. */
    private static String display(Path path) {
        Path base = Path.of("").toAbsolutePath();
        return path.startsWith(base) && !path.equals(base) ? base.relativize(path).toString() : path.toString();
    }

    /** Component names for shell completion, read from the map; none when it cannot be read. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            try {
                return Topology.load(root().resolve(Topology.FILE)).names().iterator();
            } catch (TopologyException | LauncherException e) {
                return List.<String>of().iterator();
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Bazaar.class.getPackage().getImplementationVersion();
            return new String[] {"bazaar " + (version == null ? "(development)" : version) + ", Java " + Runtime.version()};
        }
    }
}
