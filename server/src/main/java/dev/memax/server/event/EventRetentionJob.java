package dev.memax.server.event;

import dev.memax.server.job.RecurringJob;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes published events older than the retention ({@code MEMAX_EVENTS_RETENTION}); resuming before them answers {@code reset}. */
@Singleton
public class EventRetentionJob implements RecurringJob {
    private static final Logger LOG = LoggerFactory.getLogger(EventRetentionJob.class);
    private final EventRepository repository;
    private final EventSettings settings;

    public EventRetentionJob(EventRepository repository, EventSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "purge-expired-events";
    }

    @Override
    public Duration interval() {
        return settings.cleanupInterval();
    }

    @Override
    public void run() {
        int deleted = repository.deleteBefore(Now.instant().minus(settings.retention()));
        if (deleted > 0) {
            LOG.info("Purged {} events past their retention", deleted);
        }
    }
}
