package dev.bazaar.gateway;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

/** Where the rate limits' token buckets are kept: one bucket per key, made from its configuration on first use. */
interface Buckets {

    /** Takes one token from the key's bucket, if it has one; says how many are left, or how long until the next. */
    Mono<ConsumptionProbe> take(String key, BucketConfiguration configuration);
}
