package dev.bazaar.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param demoData whether an empty catalog is seeded with the demo products at start
 */
@ConfigurationProperties("catalog")
public record CatalogProperties(@DefaultValue("true") boolean demoData) {
}
