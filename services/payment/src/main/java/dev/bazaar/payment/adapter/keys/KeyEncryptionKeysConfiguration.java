package dev.bazaar.payment.adapter.keys;

import dev.bazaar.payment.PaymentProperties;
import dev.bazaar.payment.cardkey.KeyEncryptionKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class KeyEncryptionKeysConfiguration {

    /** The environment's keys when it gives any, else the directory under the platform's home. */
    @Bean
    KeyEncryptionKeys keyEncryptionKeys(PaymentProperties properties) {
        PaymentProperties.CardKeys settings = properties.cardKeys();
        return settings.keks().isEmpty()
                ? new DirectoryKeyEncryptionKeys(settings.kekDirectory())
                : new EnvironmentKeyEncryptionKeys(settings.keks());
    }
}
