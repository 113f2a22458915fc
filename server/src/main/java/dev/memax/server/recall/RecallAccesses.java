package dev.memax.server.recall;

import dev.memax.server.platform.BatchedCounts;
import dev.memax.server.platform.Now;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Keeps {@code access_count} and {@code accessed_at} of recalled memories current without a
 * write on the request path: recalls add to counters in memory, flushed in one UPDATE every
 * {@code memax.recall.access-flush-interval} (default 5 s) and at shutdown. Counts pending at a
 * crash are lost: they only feed a small ranking boost.
 */
@Singleton
public class RecallAccesses {
    private final BatchedCounts counts;

    public RecallAccesses(
            RecallRepository repository, @Value("${memax.recall.access-flush-interval:5s}") Duration interval) {
        this.counts = new BatchedCounts(
                "memory recalls",
                interval,
                batch -> repository.addAccesses(
                        List.copyOf(batch.keySet()), List.copyOf(batch.values()), Now.instant()));
    }

    public void record(Collection<UUID> memoryIds) {
        counts.addAll(memoryIds);
    }

    /** Writes the pending counts now. */
    public void flush() {
        counts.flush();
    }

    @PreDestroy
    void close() {
        counts.close();
    }
}
