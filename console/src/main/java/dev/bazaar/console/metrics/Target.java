package dev.bazaar.console.metrics;

import java.net.URI;

/**
 * One process the console scrapes.
 *
 * @param service  its component in topology.yaml
 * @param instance its instance, as the launcher names it: {@code ordering}, {@code ordering-2}
 * @param url      where it listens
 */
public record Target(String service, String instance, URI url) {
}
