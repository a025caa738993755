package dev.bazaar.payment;

import dev.bazaar.payment.cardkey.application.CardKeys;
import dev.bazaar.payment.charge.application.PaymentWorker;
import dev.bazaar.platform.work.Worker;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Payment: charges orders once their stock is reserved, refunds cancelled ones, offers the one-time keys cards are encrypted for. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentApplication.class, args);
    }

    /** The worker's loop, started, stopped and watched over by the chassis like every background loop. */
    @Bean
    Worker paymentWorkerLoop(PaymentWorker worker) {
        return worker.loop();
    }

    /** A first batch of card keys before payment reports ready, so that the first orders find keys to encrypt for. */
    @Bean
    ApplicationRunner firstCardKeys(CardKeys keys) {
        return arguments -> keys.topUp();
    }
}
