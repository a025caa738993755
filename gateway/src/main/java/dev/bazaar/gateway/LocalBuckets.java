package dev.bazaar.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

/**
 * Buckets in this gateway's memory: each replica counts on its own. Bounded: past {@code maxKeys} callers the buckets
 * that have filled up again are forgotten (a full bucket is what a new one would be); if that frees nothing, all are,
 * so that a flood from ever new addresses costs budgets, never the gateway's memory.
 */
final class LocalBuckets implements Buckets {

    private final Map<String, Kept> buckets = new ConcurrentHashMap<>();
    private final int maxKeys;

    LocalBuckets(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    @Override
    public Mono<ConsumptionProbe> take(String key, BucketConfiguration configuration) {
        Kept kept = buckets.get(key);
        if (kept == null) {
            if (buckets.size() >= maxKeys) {
                makeRoom();
            }
            kept = buckets.computeIfAbsent(key, absent -> new Kept(
                    Bucket.builder().addLimit(configuration.getBandwidths()[0]).build(),
                    configuration.getBandwidths()[0].getCapacity()));
        }
        return Mono.just(kept.bucket().tryConsumeAndReturnRemaining(1));
    }

    private void makeRoom() {
        buckets.values().removeIf(kept -> kept.bucket().getAvailableTokens() >= kept.capacity());
        if (buckets.size() >= maxKeys) {
            buckets.clear();
        }
    }

    int size() {
        return buckets.size();
    }

    private record Kept(Bucket bucket, long capacity) {
    }
}
