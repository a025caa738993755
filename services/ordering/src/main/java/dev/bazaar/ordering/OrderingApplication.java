package dev.bazaar.ordering;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Ordering: checkout and the order saga, keeping its own replicas of prices and payment's keys. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderingApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderingApplication.class, args);
    }
}
