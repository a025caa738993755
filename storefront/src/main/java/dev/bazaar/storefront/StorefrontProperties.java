package dev.bazaar.storefront;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The storefront's settings ({@code storefront.*}).
 *
 * @param gateway where the platform's public API is, and identity behind it (the issuer of every token)
 * @param console where staff find the operations console (health, dead letters' alerts, SLOs), linked from their pages
 * @param proxySecret what the gateway knows the shop by when it passes a visitor's request on anonymously, so that the
 *                    visitor is counted against rate limits by their own address, not the shop's (none: the shop's)
 */
@ConfigurationProperties("storefront")
public record StorefrontProperties(URI gateway, URI console, String proxySecret) {
}
