package dev.bazaar.fulfillment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Fulfillment: ships confirmed orders to the customer's address through a (simulated) carrier. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FulfillmentApplication {

    public static void main(String[] args) {
        SpringApplication.run(FulfillmentApplication.class, args);
    }
}
