package dev.bazaar.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one request to a service may bring ({@code bazaar.web.*}).
 *
 * @param maxBodySize the largest request body read; a larger one is a 413 problem. An order of 50 lines is a few KB.
 */
@ConfigurationProperties("bazaar.web")
public record WebLimits(@DefaultValue("256KB") DataSize maxBodySize) {
}
