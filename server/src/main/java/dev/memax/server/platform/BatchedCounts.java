package dev.memax.server.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts per id gathered in memory and handed to a writer in one batch every {@code interval}
 * and at {@link #close()}, to keep bookkeeping writes (last use, access counters) off the
 * request path. Batches are sorted by id so concurrent instances lock rows in the same order.
 * A failed write keeps its counts for the next flush; counts pending at a crash are lost, so
 * only use it for counters that tolerate that. The timer is its own daemon thread: Micronaut's
 * {@code @Scheduled} did not fire in this application.
 */
public final class BatchedCounts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchedCounts.class);
    private final String name;
    private final Consumer<SortedMap<UUID, Long>> writer;
    private final Map<UUID, Long> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /**
     * @param name   what is counted, for the timer thread's name and log lines
     * @param writer writes one batch; throwing keeps the batch for the next flush
     */
    public BatchedCounts(String name, Duration interval, Consumer<SortedMap<UUID, Long>> writer) {
        this.name = name;
        this.writer = writer;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-flush");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(10, interval.toMillis());
        timer.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    public void add(UUID id) {
        pending.merge(id, 1L, Long::sum);
    }

    public void addAll(Collection<UUID> ids) {
        ids.forEach(this::add);
    }

    /** Writes the pending counts now. */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        SortedMap<UUID, Long> batch = new TreeMap<>();
        for (UUID id : new ArrayList<>(pending.keySet())) {
            Long count = pending.remove(id);
            if (count != null) {
                batch.put(id, count);
            }
        }
        try {
            writer.accept(batch);
        } catch (RuntimeException e) {
            batch.forEach((id, count) -> pending.merge(id, count, Long::sum));
            LOG.warn("Could not record {}: {}", name, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flush();
    }
}
