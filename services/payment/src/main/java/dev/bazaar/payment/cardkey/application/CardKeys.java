package dev.bazaar.payment.cardkey.application;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.payment.cardkey.CardEncryptionKey;
import dev.bazaar.payment.cardkey.CardEncryptionKeys;
import dev.bazaar.platform.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The card encryption key: issued once, announced once, then reused by every start of payment. */
@Service
public class CardKeys {

    private static final Logger log = LoggerFactory.getLogger(CardKeys.class);

    private final CardEncryptionKeys keys;
    private final Outbox outbox;
    private final Clock clock;

    public CardKeys(CardEncryptionKeys keys, Outbox outbox, Clock clock) {
        this.keys = keys;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Generates and announces a key pair unless one is stored already.
     *
     * @return the new key, or empty when an earlier start issued one
     */
    @Transactional
    public Optional<CardEncryptionKey> issueIfNone() {
        keys.lockForIssuing();
        if (keys.current().isPresent()) {
            return Optional.empty();
        }
        CardEncryptionKey key = CardEncryptionKey.generate(UUID.randomUUID().toString(), clock.instant());
        keys.add(key);
        CardEncryptionKey.KeyIssued issued = key.issued();
        outbox.append(issued.keyId(), new PublishedLanguage.CardEncryptionKeyIssued(issued.keyId(),
                issued.algorithm(), issued.publicKey()));
        log.info("Issued card encryption key {}", key.keyId());
        return Optional.of(key);
    }

    @Transactional(readOnly = true)
    public Optional<CardEncryptionKey> find(String keyId) {
        return keys.find(keyId);
    }
}
