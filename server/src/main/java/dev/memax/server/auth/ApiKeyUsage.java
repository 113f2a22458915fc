package dev.memax.server.auth;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@code last_used_at} current without a write on every request: uses are collected in
 * memory and flushed in one UPDATE every few seconds (and at shutdown). The timer is this bean's
 * own daemon thread: Micronaut's {@code @Scheduled} did not fire in this app (see recall's
 * RecallAccesses, which does the same).
 */
@Singleton
public class ApiKeyUsage {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyUsage.class);
    private final ApiKeyRepository repository;
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService timer;

    public ApiKeyUsage(ApiKeyRepository repository,
                       @Value("${memax.auth.key-usage-flush-interval:5s}") Duration interval) {
        this.repository = repository;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "api-key-usage-flush");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(10, interval.toMillis());
        timer.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    public void record(UUID apiKeyId) {
        pending.add(apiKeyId);
    }

    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Set<UUID> batch = new HashSet<>(pending);
        pending.removeAll(batch);
        try {
            repository.touch(batch, Instant.now());
        } catch (RuntimeException e) {
            pending.addAll(batch);
            LOG.warn("Could not record API key use: {}", e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
        flush();
    }
}
