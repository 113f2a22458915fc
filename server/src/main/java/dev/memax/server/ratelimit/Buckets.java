package dev.memax.server.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/** Where token buckets live: Redis (shared by every instance) or this process. */
interface Buckets {

    /** Takes one token from the bucket under {@code key}, created full with {@code perMinute} tokens. */
    ConsumptionProbe tryConsume(String key, int perMinute);

    /** Gives back a token taken for a request that another bucket then refused. */
    void refund(String key, int perMinute);

    /**
     * {@code perMinute} tokens, refilled continuously (one every 60/perMinute seconds) rather
     * than all at once each minute, so that a client cannot burst twice the cap across a
     * minute boundary.
     */
    static BucketConfiguration perMinute(int perMinute) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
    }
}
