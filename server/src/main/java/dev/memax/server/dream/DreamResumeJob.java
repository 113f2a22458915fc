package dev.memax.server.dream;

import dev.memax.server.job.JobQueue;
import dev.memax.server.job.RecurringJob;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code resume-dream-runs}: a running run whose lease expired lost its instance (or was never
 * queued: the instance died between starting it and queuing it). Queue it again; whichever
 * instance executes it resumes after its last finished phase ({@link DreamExecutor}).
 *
 * <p>The job is queued under an id of its own per expired lease, not the run's id: an instance
 * killed mid-run leaves the run's first job picked in {@code scheduled_tasks}, and db-scheduler
 * frees it only after several missed heartbeats (minutes), so queuing the run's id again would
 * wait for that. One id per expired lease still queues a resumption once however often this
 * job runs; the dead instance's job, freed later, finds the run finished (or leased) and stops.
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
        for (DreamRepository.ExpiredRun run : runs.expired(Now.instant(), BATCH)) {
            if (queue.enqueue(DreamExecutor.JOB, DreamExecutor.resumption(run.id(), run.leaseUntil()))) {
                LOG.info("Dream run {}: lease expired at {}, queued to resume", run.id(), run.leaseUntil());
            }
        }
    }
}
