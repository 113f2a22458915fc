package dev.memax.server.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process buckets: the only ones without Redis, and the fallback while Redis fails
 * (fail-open). A bucket untouched for over a minute is full again, so forgetting it changes
 * nothing: idle ones are swept now and then to bound memory.
 */
final class LocalBuckets implements Buckets {
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(61);
    private static final int SWEEP_EVERY = 4096;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    private static final class Entry {
        final Bucket bucket;
        volatile long usedAt = System.nanoTime();

        Entry(int perMinute) {
            this.bucket = Bucket.builder().addLimit(Buckets.perMinute(perMinute).getBandwidths()[0]).build();
        }
    }

    @Override
    public ConsumptionProbe tryConsume(String key, int perMinute) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        Entry entry = buckets.computeIfAbsent(key, k -> new Entry(perMinute));
        entry.usedAt = System.nanoTime();
        return entry.bucket.tryConsumeAndReturnRemaining(1);
    }

    @Override
    public void refund(String key, int perMinute) {
        Entry entry = buckets.get(key);
        if (entry != null) {
            entry.bucket.addTokens(1);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        buckets.values().removeIf(entry -> now - entry.usedAt > IDLE_NANOS);
    }
}
