package dev.bazaar.gateway;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

/**
 * Where each service's instances are, for the load balancer behind every {@code lb://service} route. In order:
 * <ol>
 * <li>the launcher's registry file ({@code bazaar.gateway.instances-file}), re-read as soon as it changes, so that
 *     a scaled or redeployed service is balanced without a restart of the gateway;</li>
 * <li>addresses given in configuration ({@code bazaar.gateway.instances.<service>=http://host:port,...});</li>
 * <li>the service's port in topology.yaml, on localhost.</li>
 * </ol>
 * An instance that refused a connection is left out for a moment ({@link #eject}), unless every instance of its
 * service is: a killed instance then costs one refused connect, not one per request, and the retry of that request
 * goes to a live instance.
 */
final class ServiceInstances implements ReactiveDiscoveryClient, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ServiceInstances.class);

    private final Map<String, List<URI>> defaults = new LinkedHashMap<>();
    private final Path file;
    private final Duration ejection;
    private final Clock clock;
    private final Map<URI, Instant> ejected = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher;
    private volatile Registered registered = new Registered(0, Map.of(), null);

    ServiceInstances(Topology topology, GatewayProperties properties, Clock clock) {
        for (Component service : topology.services()) {
            defaults.put(service.name(), List.of(URI.create("http://localhost:" + service.port())));
        }
        properties.instances().forEach((service, urls) -> defaults.put(service, List.copyOf(urls)));
        this.file = properties.instancesFile();
        this.ejection = properties.ejection();
        this.clock = clock;
        if (file == null) {
            watcher = null;
            return;
        }
        reload();
        watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "instances-file");
            thread.setDaemon(true);
            return thread;
        });
        // Polled rather than watched: cheap, and it works on every file system.
        watcher.scheduleWithFixedDelay(this::reload, 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public String description() {
        return "Bazaar's registry of service instances";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String service) {
        return Flux.fromIterable(balanced(service)).map(url -> instance(service, url));
    }

    /** The instances requests to the service are balanced over now: those not ejected, or all if every one is. */
    List<URI> balanced(String service) {
        List<URI> all = instancesOf(service);
        Instant now = clock.instant();
        List<URI> live = all.stream().filter(url -> !ejected.getOrDefault(url, Instant.MIN).isAfter(now)).toList();
        return live.isEmpty() ? all : live;
    }

    @Override
    public Flux<String> getServices() {
        return Flux.fromIterable(services().keySet());
    }

    /** Every service with its instances, as requests are balanced now. */
    Map<String, List<URI>> services() {
        Map<String, List<URI>> services = new LinkedHashMap<>(defaults);
        services.putAll(registered.services());
        return services;
    }

    List<URI> instancesOf(String service) {
        return registered.services().getOrDefault(service, defaults.getOrDefault(service, List.of()));
    }

    /** The version of the registry file in use; 0 without one. */
    long version() {
        return registered.version();
    }

    /** Leaves an instance out of the balancing for a while: it refused a connection. */
    void eject(URI instance) {
        URI key = URI.create(instance.getScheme() + "://" + instance.getHost() + ":" + instance.getPort());
        if (ejected.put(key, clock.instant().plus(ejection)) == null) {
            log.info("{} refused a connection; balancing around it for {} ms", key, ejection.toMillis());
        }
    }

    void reload() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(registered.modified())) {
                return;
            }
            Properties read = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                read.load(reader);
            }
            Map<String, List<URI>> services = new LinkedHashMap<>();
            read.stringPropertyNames().stream().filter(name -> !name.equals("version")).forEach(service ->
                    services.put(service, Arrays.stream(read.getProperty(service).split(",")).map(String::trim)
                            .filter(url -> !url.isEmpty()).map(URI::create).toList()));
            long version = Long.parseLong(read.getProperty("version", "0").trim());
            if (version != registered.version()) {
                log.info("Instances (version {}): {}", version, services);
            }
            registered = new Registered(version, Map.copyOf(services), modified);
        } catch (IOException | RuntimeException e) {
            // Not written yet, or being replaced: the last one read stays in use.
            log.debug("Cannot read {} yet: {}", file, e.toString());
        }
    }

    @Override
    public void destroy() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    private static ServiceInstance instance(String service, URI url) {
        return new DefaultServiceInstance(url.getHost() + ":" + url.getPort(), service, url.getHost(), url.getPort(),
                "https".equals(url.getScheme()));
    }

    private record Registered(long version, Map<String, List<URI>> services, FileTime modified) {
    }
}
