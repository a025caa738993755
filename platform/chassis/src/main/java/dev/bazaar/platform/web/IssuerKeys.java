package dev.bazaar.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.support.AbstractValueAdaptingCache;

/**
 * Where a service keeps the issuer's key set (Spring Security's token decoder reads it through this cache). Read again
 * once it is {@link #MAX_AGE} old, or when a token names a key not in it (identity rotated): so a key identity has
 * withdrawn stops being trusted within minutes. Kept when reading it again fails: while identity restarts or its
 * database is away, tokens are still checked with the keys last read, and the next read is tried after
 * {@link #RETRY_AFTER}, not at every token.
 */
final class IssuerKeys extends AbstractValueAdaptingCache {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

    /** A value as read, and from when it is to be read again. */
    private record Kept(Object value, Instant readAgainAt) {
    }

    private final ConcurrentMap<Object, Kept> kept = new ConcurrentHashMap<>();
    private final Clock clock;

    IssuerKeys(Clock clock) {
        super(false);
        this.clock = clock;
    }

    @Override
    public String getName() {
        return "jwks";
    }

    @Override
    public Object getNativeCache() {
        return kept;
    }

    @Override
    protected Object lookup(Object key) {
        Kept found = kept.get(key);
        return found == null ? null : found.value();
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T get(Object key, Callable<T> valueLoader) {
        Kept found = kept.get(key);
        Instant now = clock.instant();
        if (found != null && now.isBefore(found.readAgainAt())) {
            return (T) found.value();
        }
        try {
            T read = valueLoader.call();
            kept.put(key, new Kept(read, now.plus(MAX_AGE)));
            return read;
        } catch (Exception e) {
            if (found == null) {
                throw new ValueRetrievalException(key, valueLoader, e);
            }
            log.warn("The issuer's keys could not be read again ({}); the keys last read are kept, and read again in {}",
                    e.getMessage(), RETRY_AFTER);
            kept.put(key, new Kept(found.value(), now.plus(RETRY_AFTER)));
            return (T) found.value();
        }
    }

    @Override
    public void put(Object key, Object value) {
        kept.put(key, new Kept(value, clock.instant().plus(MAX_AGE)));
    }

    @Override
    public void evict(Object key) {
        kept.remove(key);
    }

    @Override
    public void clear() {
        kept.clear();
    }

    /**
     * What Spring Security calls when a token names a key it does not hold: the set is read again at the next look, but
     * kept should that read fail, so that tokens naming made-up keys while identity is away cannot empty it.
     */
    @Override
    public synchronized boolean invalidate() {
        Instant now = clock.instant();
        kept.replaceAll((key, value) -> new Kept(value.value(), now));
        return true;
    }
}
