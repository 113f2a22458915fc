package dev.memax.server.idempotency;

import dev.memax.server.job.RecurringJob;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes idempotency records past their 24 h retention. */
@Singleton
public class IdempotencyPurgeJob implements RecurringJob {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurgeJob.class);
    private final IdempotencyRepository repository;
    private final Duration interval;

    public IdempotencyPurgeJob(
            IdempotencyRepository repository, @Value("${memax.jobs.idempotency-purge-interval}") Duration interval) {
        this.repository = repository;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "purge-idempotency-records";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void run() {
        int deleted = repository.deleteExpired();
        if (deleted > 0) {
            LOG.info("Purged {} expired idempotency records", deleted);
        }
    }
}
