package dev.bazaar.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's settings ({@code bazaar.gateway.*}). Its routes are not among them: they come from topology.yaml.
 *
 * @param connectTimeout  how long a route waits to connect to a service: a stopped one must fail fast
 * @param responseTimeout how long a route waits for a service's status and headers
 * @param instancesFile   the launcher's registry of service instances, re-read when it changes; none outside the launcher
 * @param instances       fixed addresses of a service's instances, when there is no registry file
 * @param ejection        how long an instance that refused a connection is left out of the balancing
 * @param maxInFlight     how many calls one instance of a service may have in flight through this gateway (times its
 *                        instances for the service); more are refused at once, 503 with Retry-After, not forwarded
 * @param breaker         one circuit breaker per service
 * @param stale           the fallback of reads: recent successful answers served again, marked stale
 * @param limits          what one request may bring
 * @param rateLimits      how many requests each caller may make, per class of route
 * @param compositions    the answers the gateway composes from several services, by name
 */
@ConfigurationProperties("bazaar.gateway")
record GatewayProperties(@DefaultValue("1s") Duration connectTimeout,
                         @DefaultValue("5s") Duration responseTimeout,
                         Path instancesFile,
                         @DefaultValue Map<String, List<URI>> instances,
                         @DefaultValue("2s") Duration ejection,
                         @DefaultValue("16") int maxInFlight,
                         @DefaultValue Breaker breaker,
                         @DefaultValue Stale stale,
                         @DefaultValue Limits limits,
                         @DefaultValue RateLimits rateLimits,
                         @DefaultValue Map<String, Composition> compositions) {

    /**
     * Token buckets per caller (the token's subject, or the client's address when anonymous) and class of route.
     *
     * @param store    where the buckets live: {@code memory} for one gateway, {@code postgres} for one budget shared by
     *                 every gateway replica
     * @param postgres the shared store's database, when {@code store} is {@code postgres}
     * @param classes  the classes of route, the first that matches a request counts it; a request of no class is not
     *                 limited
     * @param proxySecret the secret of the backends that pass their visitors' requests on (the shop): an anonymous
     *                 request showing it in {@code X-Bazaar-Proxy} is counted by the address its
     *                 {@code X-Forwarded-For} ends with. None: {@code X-Forwarded-For} is never believed
     */
    record RateLimits(@DefaultValue("memory") Store store,
                      @DefaultValue Postgres postgres,
                      @DefaultValue Map<String, RouteClass> classes,
                      String proxySecret) {

        enum Store { MEMORY, POSTGRES }

        /**
         * @param methods the methods it counts; none: every method
         * @param paths   the path patterns it counts
         * @param limit   how many requests a caller may make per window (also the largest burst)
         * @param window  the period over which the limit refills, evenly
         */
        record RouteClass(@DefaultValue Set<String> methods, List<String> paths, long limit, Duration window) {
        }

        /** The database of the shared store; its table ({@code rate_limit_bucket}) is created at start. */
        record Postgres(String url, String username, String password, @DefaultValue("4") int poolSize) {
        }
    }

    /**
     * An answer composed from several services ({@link ComposedAnswers}).
     *
     * @param path    where the gateway answers it (GET), with variables
     * @param parts            each part's name and source, {@code <service>:<path>} with the same variables, and
     *                         {@code {subject}} for the signed-in caller
     * @param timeout          how long each part may take; a part later than that is marked unavailable
     * @param firstPartDecides whether the first part's refusal (say, an unknown id) is the answer
     */
    record Composition(String path, Map<String, String> parts, @DefaultValue("1500ms") Duration timeout,
                       @DefaultValue("true") boolean firstPartDecides) {
    }

    /**
     * What one request may bring; beyond each, a problem (413, 414, 431) before anything is forwarded.
     *
     * @param maxBodySize   the largest body; one with no Content-Length is refused (411), so none can grow unseen
     * @param maxUriLength  the longest request line target (path and query)
     * @param maxHeaderSize the most header bytes, names and values together
     */
    record Limits(@DefaultValue("256KB") DataSize maxBodySize,
                  @DefaultValue("8KB") DataSize maxUriLength,
                  @DefaultValue("16KB") DataSize maxHeaderSize) {
    }

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
     * @param slidingWindow        how many of the latest calls are judged
     * @param minimumCalls         no verdict before this many calls
     * @param openFor              how long an open breaker refuses calls before letting a few through;
     *                             also the {@code Retry-After} of a 503
     * @param halfOpenCalls        trial calls let through after {@code openFor}; one, so that the first answer after
     *                             an outage decides, not a trial that failed before the service came back
     */
    record Breaker(@DefaultValue("50") float failureRateThreshold,
                   @DefaultValue("10") int slidingWindow,
                   @DefaultValue("5") int minimumCalls,
                   @DefaultValue("5s") Duration openFor,
                   @DefaultValue("1") int halfOpenCalls) {
    }

    /**
     * @param services   the services whose GET answers are kept and served stale while they are down
     * @param maxEntries how many answers are kept at most (least recently used go first)
     * @param maxBytes   how many body bytes are kept at most, all answers together
     * @param maxAge     an answer older than this is never served
     */
    record Stale(@DefaultValue("catalog") Set<String> services,
                 @DefaultValue("1000") int maxEntries,
                 @DefaultValue("16MB") DataSize maxBytes,
                 @DefaultValue("1h") Duration maxAge) {
    }
}
