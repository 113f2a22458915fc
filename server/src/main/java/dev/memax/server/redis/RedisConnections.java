package dev.memax.server.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The shared Lettuce connection to Redis ({@code REDIS_URL}); Redis is optional. The connection
 * is opened on first use and re-opened after a failed attempt, so the server starts and stays
 * up while Redis is down; commands fail fast instead of queueing while disconnected.
 */
@Singleton
public class RedisConnections {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisConnections(@Value("${memax.redis.url:}") String url) {
        if (url == null || url.isBlank()) {
            this.client = null;
            return;
        }
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
    }

    public boolean configured() {
        return client != null;
    }

    /** The shared connection; throws when Redis is not configured or cannot be reached. */
    public StatefulRedisConnection<String, String> connection() {
        if (client == null) {
            throw new IllegalStateException("Redis is not configured (REDIS_URL)");
        }
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            synchronized (this) {
                current = connection;
                if (current == null) {
                    current = client.connect();
                    connection = current;
                }
            }
        }
        return current;
    }

    /**
     * A connection of its own with another codec (the rate limiter stores binary bucket state),
     * with the same fail-fast options; the caller closes it. Throws when Redis is not configured
     * or cannot be reached.
     */
    public <K, V> StatefulRedisConnection<K, V> connect(RedisCodec<K, V> codec) {
        if (client == null) {
            throw new IllegalStateException("Redis is not configured (REDIS_URL)");
        }
        return client.connect(codec);
    }

    /**
     * A pub/sub connection of its own (Lettuce re-subscribes it after a reconnection); the caller
     * closes it. Throws when Redis is not configured or cannot be reached.
     */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        if (client == null) {
            throw new IllegalStateException("Redis is not configured (REDIS_URL)");
        }
        return client.connectPubSub();
    }

    @PreDestroy
    void close() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
