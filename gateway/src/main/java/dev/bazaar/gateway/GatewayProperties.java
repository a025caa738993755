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
 * @param breaker         one circuit breaker per service
 * @param stale           the fallback of reads: recent successful answers served again, marked stale
 */
@ConfigurationProperties("bazaar.gateway")
record GatewayProperties(@DefaultValue("1s") Duration connectTimeout,
                         @DefaultValue("5s") Duration responseTimeout,
                         Path instancesFile,
                         @DefaultValue Map<String, List<URI>> instances,
                         @DefaultValue("2s") Duration ejection,
                         @DefaultValue Breaker breaker,
                         @DefaultValue Stale stale) {

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
     * @param slidingWindow        how many of the latest calls are judged
     * @param minimumCalls         no verdict before this many calls
     * @param openFor              how long an open breaker refuses calls before letting a few through;
     *                             also the {@code Retry-After} of a 503
     * @param halfOpenCalls        trial calls let through after {@code openFor}
     */
    record Breaker(@DefaultValue("50") float failureRateThreshold,
                   @DefaultValue("10") int slidingWindow,
                   @DefaultValue("5") int minimumCalls,
                   @DefaultValue("5s") Duration openFor,
                   @DefaultValue("2") int halfOpenCalls) {
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
