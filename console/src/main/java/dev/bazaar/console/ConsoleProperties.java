package dev.bazaar.console;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the console watches and how.
 *
 * @param instancesFile   the launcher's {@code run/instances.properties}: where each service's instances listen (the
 *                        gateway routes by the same file); re-read at every scrape, so scaled instances are seen
 * @param gateway         the gateway's address, scraped too
 * @param storefront      the storefront's address, scraped too; none: there is no shop to watch
 * @param zipkin          Zipkin's address, for links to traces; none: no links
 * @param scrapeInterval  how often every process's {@code /actuator/prometheus} is read
 * @param scrapeTimeout   how long one read may take; a process that does not answer in time counts as down
 * @param recent          how long samples are kept at the scrape interval; older ones are thinned to one a minute
 * @param retention       how long samples are kept at all (memory is bounded by it)
 * @param alertingSpeedUp divides every alert window and every alert's {@code for} by this: 60 makes an hour's window a
 *                        minute's, to watch the alerts work in a drill or a demo. Budgets stay over the full period
 */
@ConfigurationProperties("console")
public record ConsoleProperties(Path instancesFile,
                                String gateway,
                                String storefront,
                                String zipkin,
                                @DefaultValue("5s") Duration scrapeInterval,
                                @DefaultValue("2s") Duration scrapeTimeout,
                                @DefaultValue("1h") Duration recent,
                                @DefaultValue("3d") Duration retention,
                                @DefaultValue("1") int alertingSpeedUp) {
}
