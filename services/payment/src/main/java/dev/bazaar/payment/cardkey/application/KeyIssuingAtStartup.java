package dev.bazaar.payment.cardkey.application;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Ordering cannot take a card before it knows a key, so the key is issued as soon as payment first starts. */
@Component
class KeyIssuingAtStartup implements ApplicationRunner {

    private final CardKeys keys;

    KeyIssuingAtStartup(CardKeys keys) {
        this.keys = keys;
    }

    @Override
    public void run(ApplicationArguments args) {
        keys.issueIfNone();
    }
}
