package dev.memax.server.auth;

import dev.memax.server.platform.BatchedCounts;
import dev.memax.server.platform.Now;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;

/**
 * Keeps {@code last_used_at} current without a write on every request: uses are collected in
 * memory and flushed in one UPDATE every few seconds ({@code memax.auth.key-usage-flush-interval})
 * and at shutdown.
 */
@Singleton
public class ApiKeyUsage {
    private final BatchedCounts uses;

    public ApiKeyUsage(
            ApiKeyRepository repository, @Value("${memax.auth.key-usage-flush-interval:5s}") Duration interval) {
        this.uses =
                new BatchedCounts("API key use", interval, batch -> repository.touch(batch.keySet(), Now.instant()));
    }

    public void record(UUID apiKeyId) {
        uses.add(apiKeyId);
    }

    /** Writes the pending uses now. */
    public void flush() {
        uses.flush();
    }

    @PreDestroy
    void close() {
        uses.close();
    }
}
