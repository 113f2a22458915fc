package dev.memax.server.ratelimit;

import dev.memax.server.redis.RedisConnections;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in Redis through Bucket4j's Lettuce proxy manager (compare-and-swap), so every
 * instance draws from the same bucket. The connection is opened on first use and again after
 * a failed attempt, so the server starts while Redis is down. Keys expire once their bucket
 * would be full again: an idle user costs Redis nothing.
 */
final class RedisBuckets implements Buckets, AutoCloseable {
    /** A limiter slower than this fails the request over to the Redis-failure policy. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final RedisConnections redis;
    private final Map<Integer, BucketConfiguration> configurations = new ConcurrentHashMap<>();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile LettuceBasedProxyManager<String> manager;

    RedisBuckets(RedisConnections redis) {
        this.redis = redis;
    }

    @Override
    public ConsumptionProbe tryConsume(String key, int perMinute) {
        return manager().builder().build(key, () -> configuration(perMinute)).tryConsumeAndReturnRemaining(1);
    }

    @Override
    public void refund(String key, int perMinute) {
        manager().builder().build(key, () -> configuration(perMinute)).addTokens(1);
    }

    private BucketConfiguration configuration(int perMinute) {
        return configurations.computeIfAbsent(perMinute, Buckets::perMinute);
    }

    private LettuceBasedProxyManager<String> manager() {
        LettuceBasedProxyManager<String> current = manager;
        if (current == null) {
            synchronized (this) {
                current = manager;
                if (current == null) {
                    connection = redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                    current = Bucket4jLettuce.casBasedBuilder(connection)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                    Duration.ofSeconds(5)))
                            .requestTimeout(REQUEST_TIMEOUT)
                            .build();
                    manager = current;
                }
            }
        }
        return current;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
