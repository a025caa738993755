package dev.bazaar.console.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.bazaar.console.ConsoleProperties;
import dev.bazaar.platform.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads every process's {@code /actuator/prometheus} each scrape interval, all at once, and records the round in the
 * history. The processes are the services' instances as the launcher publishes them (the file the gateway routes by,
 * re-read every round, so a scaled service is seen at once) and the gateway.
 */
@Component
public class Scraper {

    private static final Logger log = LoggerFactory.getLogger(Scraper.class);

    private final ConsoleProperties properties;
    private final Measures measures;
    private final Collector collector;
    private final History history;
    private final Clock clock;
    private final Topology topology;
    private final List<Consumer<Snapshot>> listeners;
    private final HttpClient http;
    /** Each instance's last scrape, for the page: up or down, and why. */
    private final Map<String, InstanceState> states = new ConcurrentHashMap<>();

    public Scraper(ConsoleProperties properties, Topology topology, Measures measures, History history, Clock clock,
                   List<Consumer<Snapshot>> listeners) {
        this.topology = topology;
        this.properties = properties;
        this.measures = measures;
        this.collector = new Collector(measures);
        this.history = history;
        this.clock = clock;
        this.listeners = listeners;
        this.http = HttpClient.newBuilder().connectTimeout(properties.scrapeTimeout()).build();
    }

    /** One instance at its last scrape. */
    public record InstanceState(Target target, boolean up, String problem, Duration took) {
    }

    @Scheduled(fixedRateString = "${console.scrape-interval:5s}")
    public void scrape() {
        List<Target> targets = targets();
        List<CompletableFuture<Collector.Scrape>> pending = targets.stream().map(this::scrape).toList();
        List<Collector.Scrape> round = pending.stream().map(CompletableFuture::join).toList();
        Snapshot snapshot = collector.collect(clock.instant(), round);
        history.add(snapshot);
        states.keySet().retainAll(targets.stream().map(Target::instance).toList());
        listeners.forEach(listener -> listener.accept(snapshot));
    }

    public List<InstanceState> instances() {
        return states.values().stream()
                .sorted((a, b) -> a.target().instance().compareTo(b.target().instance())).toList();
    }

    private CompletableFuture<Collector.Scrape> scrape(Target target) {
        if (target.url() == null) {
            states.put(target.instance(), new InstanceState(target, false, "not running (not in the launcher's registry)", Duration.ZERO));
            return CompletableFuture.completedFuture(new Collector.Scrape(target, false, Map.of()));
        }
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(target.url().resolve("/actuator/prometheus"))
                .timeout(properties.scrapeTimeout()).header("Accept", "text/plain; version=0.0.4").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String problem = failure != null ? describe(failure)
                    : response.statusCode() != 200 ? "answered " + response.statusCode() : null;
            if (problem == null) {
                try {
                    Map<String, Double> values = measures.valuesIn(Exposition.parse(response.body(), measures::wants));
                    states.put(target.instance(), new InstanceState(target, true, null, took));
                    return new Collector.Scrape(target, true, values);
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            InstanceState before = states.put(target.instance(), new InstanceState(target, false, problem, took));
            if (before == null) {
                // The console starts beside the services, so at a platform's start most of them are not up yet.
                log.info("{} at {} cannot be scraped yet: {}", target.instance(), target.url(), problem);
            } else if (before.up()) {
                log.warn("{} at {} cannot be scraped: {}", target.instance(), target.url(), problem);
            }
            return new Collector.Scrape(target, false, Map.of());
        });
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof java.net.ConnectException) {
            return "refuses connections (not running)";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "did not answer in time";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /**
     * The services' instances from the launcher's file, the gateway and the storefront. A service of topology.yaml that the file does
     * not name (stopped, or not started yet) is a target without an address: it shows as down.
     */
    List<Target> targets() {
        Map<String, String> services = new TreeMap<>();
        if (properties.instancesFile() != null && Files.isReadable(properties.instancesFile())) {
            Properties read = new Properties();
            try (InputStream in = Files.newInputStream(properties.instancesFile())) {
                read.load(in);
            } catch (IOException e) {
                log.warn("Cannot read {}: {}", properties.instancesFile(), e.getMessage());
            }
            read.stringPropertyNames().stream().filter(name -> !name.equals("version"))
                    .forEach(name -> services.put(name, read.getProperty(name)));
        }
        topology.services().forEach(service -> services.putIfAbsent(service.name(), ""));
        List<Target> targets = new ArrayList<>();
        services.forEach((service, urls) -> {
            String[] each = urls.split(",");
            for (int i = 0; i < each.length; i++) {
                targets.add(new Target(service, i == 0 ? service : service + "-" + (i + 1),
                        each[i].isBlank() ? null : URI.create(each[i].trim())));
            }
        });
        if (properties.gateway() != null && !properties.gateway().isBlank()) {
            targets.add(new Target("gateway", "gateway", URI.create(properties.gateway())));
        }
        if (properties.storefront() != null && !properties.storefront().isBlank()) {
            targets.add(new Target("storefront", "storefront", URI.create(properties.storefront())));
        }
        return targets;
    }
}
