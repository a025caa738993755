package dev.bazaar.payment.cardkey.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.payment.PaymentProperties;
import dev.bazaar.payment.cardkey.CardKeyStore;
import dev.bazaar.payment.cardkey.KeyEncryptionKey;
import dev.bazaar.payment.cardkey.KeyEncryptionKeys;
import dev.bazaar.payment.cardkey.OneTimeCardKey;
import dev.bazaar.payment.cardkey.WrappedKey;
import dev.bazaar.platform.ids.TimeSortedIds;
import dev.bazaar.platform.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one-time keys card numbers are encrypted for. A pool of {@code payment.card-keys.pool} keys stays offered to
 * ordering ({@code CardKeysOffered}); an order's placement takes the key its card was encrypted for, and the payment
 * keeps it only while its charge is pending. Every key rests wrapped under the current key-encryption key; after a
 * rotation the older ones are re-wrapped in the background and the old key-encryption key is retired once nothing is
 * wrapped under it. Nothing in flight is lost: a key wrapped under an old key-encryption key is still read with it.
 */
@Service
public class CardKeys {

    private static final Logger log = LoggerFactory.getLogger(CardKeys.class);
    /** Keys generated, or re-wrapped, in one step: one event of at most this many keys. */
    static final int BATCH = 200;

    private final CardKeyStore store;
    private final KeyEncryptionKeys keks;
    private final Outbox outbox;
    private final Clock clock;
    private final int pool;
    private final ApplicationEventPublisher events;

    public CardKeys(CardKeyStore store, KeyEncryptionKeys keks, Outbox outbox, Clock clock, PaymentProperties properties,
                    ApplicationEventPublisher events) {
        this.store = store;
        this.keks = keks;
        this.outbox = outbox;
        this.clock = clock;
        this.pool = properties.cardKeys().pool();
        this.events = events;
    }

    /**
     * Offers new keys until the pool is full again, a batch at a time.
     *
     * @return whether the pool still lacks keys after this batch
     */
    @Transactional
    public boolean topUp() {
        store.lockForOffering();
        long missing = pool - store.countOffered();
        if (missing <= 0) {
            return false;
        }
        KeyEncryptionKey kek = keks.current();
        List<Map<String, Object>> offered = new ArrayList<>();
        Map<String, WrappedKey> wrapped = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(missing, BATCH); i++) {
            OneTimeCardKey key = OneTimeCardKey.generate(TimeSortedIds.next().toString());
            wrapped.put(key.keyId(), key.wrap(kek));
            offered.add(key.publicJwk());
        }
        store.offer(wrapped, clock.instant());
        outbox.append(UUID.randomUUID().toString(), new PublishedLanguage.CardKeysOffered(offered));
        log.info("Offered {} card keys (pool of {})", offered.size(), pool);
        return missing > BATCH;
    }

    /**
     * Re-wraps a batch of keys that are not under the current key-encryption key, and retires the old keys nothing
     * is wrapped under any more.
     *
     * @return whether more remain to re-wrap
     */
    @Transactional
    public boolean rewrap() {
        KeyEncryptionKey current = keks.current();
        int rewrapped = store.rewrapNotUnder(current.id(), wrapped -> OneTimeCardKey.unwrap(wrapped, kek(wrapped.kekId())).wrap(current), BATCH);
        if (rewrapped > 0) {
            log.info("Re-wrapped {} card keys under {}", rewrapped, current.id());
        }
        if (rewrapped < BATCH) {
            List<String> inUse = List.copyOf(store.keksInUse());
            keks.ids().stream().filter(id -> !id.equals(current.id()) && !inUse.contains(id)).forEach(id -> {
                keks.retire(id);
                log.info("Retired key-encryption key {}: no card key is wrapped under it any more", id);
            });
        }
        return rewrapped == BATCH;
    }

    /** Hands an offered key to the payment whose card was encrypted for it; in the placement's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<WrappedKey> take(String keyId) {
        events.publishEvent(new PoolChanged());
        return store.take(keyId);
    }

    /**
     * @return the card number in clear, for the processor only
     * @throws OneTimeCardKey.UnreadableCard when it cannot be decrypted (no key held for it, or not encrypted for it)
     */
    public String decrypt(String keyId, String ciphertext, WrappedKey key) {
        if (key == null) {
            throw new OneTimeCardKey.UnreadableCard("Payment holds no key " + keyId + " (never offered, or taken by another order)");
        }
        return OneTimeCardKey.unwrap(key, kek(key.kekId())).decrypt(ciphertext);
    }

    /** Makes a new key-encryption key current; everything is re-wrapped under it in the background. */
    public Rotation rotate() {
        KeyEncryptionKey fresh = keks.rotate();
        log.info("Rotated the key-encryption key: {} is current", fresh.id());
        events.publishEvent(new PoolChanged());
        return new Rotation(fresh.id(), store.countNotUnder(fresh.id()), keks.ids());
    }

    @Transactional(readOnly = true)
    public Rotation state() {
        String current = keks.current().id();
        return new Rotation(current, store.countNotUnder(current), keks.ids());
    }

    private KeyEncryptionKey kek(String id) {
        return keks.find(id).orElseThrow(() -> new IllegalStateException("Key-encryption key " + id + " is gone, yet a card key is wrapped under it"));
    }

    /**
     * @param current      the key-encryption key new keys are wrapped under
     * @param toRewrap     card keys still wrapped under an older one
     * @param keyEncryptionKeys every key-encryption key still kept
     */
    public record Rotation(String current, long toRewrap, List<String> keyEncryptionKeys) {
    }

    /** A key left the pool, or the key-encryption key rotated: the pool wants topping up or re-wrapping. */
    record PoolChanged() {
    }
}
