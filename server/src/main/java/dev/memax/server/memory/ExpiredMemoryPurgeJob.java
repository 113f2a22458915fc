package dev.memax.server.memory;

import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import dev.memax.server.job.RecurringJob;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Transactions;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes memories that expired more than {@code memax.memories.expired-retention} ago
 * (default 30 days; env {@code MEMAX_MEMORIES_EXPIRED_RETENTION}). Until then an expired memory
 * is only hidden (lists, get and related show it with {@code include_expired=true}), so it can
 * still be read back or revived by a PATCH or a push to its source_path.
 */
@Singleton
public class ExpiredMemoryPurgeJob implements RecurringJob {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredMemoryPurgeJob.class);
    private static final int BATCH = 1000;
    private final MemoryRepository memories;
    private final Duration retention;
    private final Duration interval;
    private final Transactions transactions;
    private final EventOutbox events;

    public ExpiredMemoryPurgeJob(
            MemoryRepository memories,
            Transactions transactions,
            EventOutbox events,
            @Value("${memax.memories.expired-retention:30d}") Duration retention,
            @Value("${memax.memories.purge-interval:1h}") Duration interval) {
        this.memories = memories;
        this.retention = retention;
        this.interval = interval;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public String name() {
        return "purge-expired-memories";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void run() {
        int total = 0;
        int deleted;
        do {
            // Each batch and its events commit together: readers learn of exactly the deletions that happened.
            deleted = transactions.executeWrite(status -> {
                List<MemoryRepository.Purged> purged =
                        memories.purgeExpired(Now.instant().minus(retention), BATCH);
                purged.forEach(m -> events.hub(
                        EventType.MEMORIES_CHANGED,
                        m.hubId(),
                        null,
                        m.id(),
                        Map.of("action", "deleted", "reason", "expired")));
                return purged.size();
            });
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.info("Purged {} memories expired for more than {}", total, retention);
        }
    }
}
