package dev.memax.server.dream;

import dev.memax.server.job.JobQueue;
import dev.memax.server.job.RecurringJob;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code resume-dream-runs}: a running run whose lease expired lost its instance (or was never
 * queued: the instance died between starting it and queuing it). Queue it again; whichever
 * instance executes it resumes after its last finished phase ({@link DreamExecutor}).
 */
@Singleton
public class DreamResumeJob implements RecurringJob {
    private static final Logger LOG = LoggerFactory.getLogger(DreamResumeJob.class);
    private static final int BATCH = 100;
    private final DreamRepository runs;
    private final JobQueue queue;
    private final DreamSettings settings;

    public DreamResumeJob(DreamRepository runs, JobQueue queue, DreamSettings settings) {
        this.runs = runs;
        this.queue = queue;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "resume-dream-runs";
    }

    @Override
    public Duration interval() {
        return settings.resumeInterval();
    }

    @Override
    public void run() {
        for (UUID id : runs.expired(Now.instant(), BATCH)) {
            if (queue.enqueue(DreamExecutor.JOB, id.toString())) {
                LOG.info("Dream run {}: lease expired, queued to resume", id);
            }
        }
    }
}
