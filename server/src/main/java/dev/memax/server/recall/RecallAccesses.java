package dev.memax.server.recall;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@code access_count} and {@code accessed_at} of recalled memories current without a
 * write on the request path: recalls add to counters in memory, flushed in one UPDATE every
 * {@code memax.recall.access-flush-interval} (default 5 s) and at shutdown. A failed flush keeps
 * its counts for the next one; counts pending at a crash are lost (they only feed a small
 * ranking boost). The timer is this bean's own daemon thread, so flushing does not depend on
 * an application-wide scheduler.
 */
@Singleton
public class RecallAccesses {
    private static final Logger LOG = LoggerFactory.getLogger(RecallAccesses.class);
    private final RecallRepository repository;
    private final Map<UUID, Long> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    public RecallAccesses(RecallRepository repository,
                          @Value("${memax.recall.access-flush-interval:5s}") Duration interval) {
        this.repository = repository;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "recall-access-flush");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(10, interval.toMillis());
        timer.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    public void record(Collection<UUID> memoryIds) {
        for (UUID id : memoryIds) {
            pending.merge(id, 1L, Long::sum);
        }
    }

    /** Writes the pending counts now (also called by the timer and at shutdown). */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<UUID, Long> batch = new TreeMap<>();
        for (UUID id : new ArrayList<>(pending.keySet())) {
            Long count = pending.remove(id);
            if (count != null) {
                batch.put(id, count);
            }
        }
        try {
            repository.addAccesses(List.copyOf(batch.keySet()), List.copyOf(batch.values()), Instant.now());
        } catch (RuntimeException e) {
            batch.forEach((id, count) -> pending.merge(id, count, Long::sum));
            LOG.warn("Could not record memory recalls: {}", e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
        flush();
    }
}
