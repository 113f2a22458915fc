package dev.memax.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * In-process buckets: the only ones without Redis, and the fallback while Redis fails
 * (fail-open). A bucket untouched for over a minute is full again, so forgetting it changes
 * nothing: idle ones expire to bound memory.
 */
final class LocalBuckets implements Buckets {
    private static final Duration IDLE = Duration.ofSeconds(61);
    private final Cache<String, Bucket> buckets =
            Caffeine.newBuilder().expireAfterAccess(IDLE).build();

    @Override
    public ConsumptionProbe tryConsume(String key, int perMinute) {
        return buckets.get(
                        key,
                        k -> Bucket.builder()
                                .addLimit(Buckets.perMinute(perMinute).getBandwidths()[0])
                                .build())
                .tryConsumeAndReturnRemaining(1);
    }

    @Override
    public void refund(String key, int perMinute) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }
}
