package dev.bazaar.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the chassis defaults as the last property source, so that every service starts with the same
 * conventions and any of them can still be overridden by the service or its environment.
 */
public class ChassisDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "bazaar-chassis-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("bazaarChassisDefaults", new ClassPathResource(RESOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException("The chassis defaults " + RESOURCE + " are missing from the classpath", e);
        }
    }
}
