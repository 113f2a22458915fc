package dev.memax.server.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * The shared Lettuce connection to Redis ({@code REDIS_URL}); Redis is optional. The connection
 * is opened on first use and re-opened after a failed attempt, so the server starts and stays
 * up while Redis is down; commands fail fast instead of queueing while disconnected.
 *
 * <p>An outage is logged here once: one warning when Redis stops answering (a connection
 * dropped, a reconnection or a connection attempt failed), one line when it answers again,
 * not one per command or reconnection attempt (Lettuce's own reconnection warnings are
 * silenced in logback.xml). Code whose Redis call failed reports it with
 * {@link #failed(Throwable)} and logs nothing more than a debug line itself.
 */
@Singleton
public class RedisConnections {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnections.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Reconnection attempts back off from 100 ms to at most 2 s (Lettuce's default grows to
     * 30 s): after an outage, shared rate limits and events resume within about 2 s.
     */
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(2);

    private final ClientResources resources;
    private final RedisClient client;
    private final Disposable events;
    /** System.nanoTime() when the current outage began; 0 while Redis answers. */
    private final AtomicLong downSince = new AtomicLong();

    private volatile StatefulRedisConnection<String, String> connection;

    public RedisConnections(@Value("${memax.redis.url:}") String url) {
        if (url == null || url.isBlank()) {
            this.resources = null;
            this.client = null;
            this.events = null;
            return;
        }
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), RECONNECT_MAX, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        this.events = resources.eventBus().get().subscribe(event -> {
            if (event instanceof ConnectionDeactivatedEvent) {
                failed("a connection dropped");
            } else if (event instanceof ReconnectFailedEvent failure) {
                failed(failure.getCause());
            } else if (event instanceof ConnectionActivatedEvent) {
                recovered();
            }
        });
    }

    /** Notes a failed Redis call: the first failure of an outage logs a warning, later ones nothing. */
    public void failed(Throwable error) {
        failed(
                error == null
                        ? "unknown error"
                        : error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    }

    private void failed(String reason) {
        if (downSince.compareAndSet(0, System.nanoTime())) {
            LOG.warn(
                    "Redis is unreachable ({}): rate limits count in each instance's own buckets (or answer 503 if "
                            + "MEMAX_RATE_LIMITS_REDIS_FAILURE=closed), events reach other instances through the database; "
                            + "/health/ready says degraded. Logged once; the recovery will be logged too",
                    reason);
        } else {
            LOG.debug("Redis still unreachable: {}", reason);
        }
    }

    /** Notes that Redis answers; ends an outage (logged once). */
    public void recovered() {
        long since = downSince.getAndSet(0);
        if (since != 0) {
            LOG.info("Redis answers again after {} s", Math.max(0, (System.nanoTime() - since) / 1_000_000_000L));
        }
    }

    /** Whether the last thing heard of Redis was a failure. */
    public boolean down() {
        return downSince.get() != 0;
    }

    public boolean configured() {
        return client != null;
    }

    /** The shared connection; throws when Redis is not configured or cannot be reached. */
    public StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            synchronized (this) {
                current = connection;
                if (current == null) {
                    current = connecting(RedisClient::connect);
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
        return connecting(redis -> redis.connect(codec));
    }

    /**
     * A pub/sub connection of its own (Lettuce re-subscribes it after a reconnection); the caller
     * closes it. Throws when Redis is not configured or cannot be reached.
     */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return connecting(RedisClient::connectPubSub);
    }

    /** Opens a connection with the shared client; the outcome is Redis's state (recovered or failed). */
    private <C> C connecting(Function<RedisClient, C> connect) {
        if (client == null) {
            throw new IllegalStateException("Redis is not configured (REDIS_URL)");
        }
        try {
            C connected = connect.apply(client);
            recovered();
            return connected;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    @PreDestroy
    void close() {
        if (events != null) {
            events.dispose();
        }
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (resources != null) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
