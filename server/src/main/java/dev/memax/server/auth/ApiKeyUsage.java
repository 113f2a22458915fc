package dev.memax.server.auth;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps {@code last_used_at} current without a write on every request: uses are collected in
 * memory and flushed in one UPDATE every few seconds (and at shutdown).
 */
@Singleton
public class ApiKeyUsage {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyUsage.class);
    private final ApiKeyRepository repository;
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();

    public ApiKeyUsage(ApiKeyRepository repository) {
        this.repository = repository;
    }

    public void record(UUID apiKeyId) {
        pending.add(apiKeyId);
    }

    @Scheduled(fixedDelay = "${memax.auth.key-usage-flush-interval:5s}")
    @PreDestroy
    public void flush() {
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
}
