package dev.memax.server.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent, cluster-safe job runner: db-scheduler on PostgreSQL. Every
 * {@link RecurringJob} bean is registered, and every {@link OneTimeJob} bean as a task that
 * {@link JobQueue} queues; any number of instances may run, each execution happens on one of
 * them, and schedules survive restarts.
 */
@Singleton
public class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private final Scheduler scheduler;
    private final JobSettings settings;

    public JobRunner(
            DataSource dataSource, List<RecurringJob> jobs, List<OneTimeJob> oneTimeJobs, JobSettings settings) {
        this.settings = settings;
        List<RecurringTask<Void>> tasks = jobs.stream().map(JobRunner::task).toList();
        List<Task<?>> known = new ArrayList<>();
        for (OneTimeJob job : oneTimeJobs) {
            known.add(Tasks.oneTime(job.name()).execute((instance, context) -> job.run(instance.getId())));
        }
        // db-scheduler manages its own connections and commits: give it the pool, not
        // Micronaut's transaction-aware wrapper.
        this.scheduler = Scheduler.create(DelegatingDataSource.unwrapDataSource(dataSource), known)
                .startTasks(tasks)
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(Duration.ofSeconds(30))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    private static RecurringTask<Void> task(RecurringJob job) {
        return Tasks.recurring(job.name(), FixedDelay.of(job.interval())).execute((instance, context) -> {
            long started = System.nanoTime();
            job.run();
            LOG.debug("Job {} finished in {} ms", job.name(), (System.nanoTime() - started) / 1_000_000);
        });
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (settings.enabled()) {
            scheduler.start();
        } else {
            LOG.info("Background jobs are disabled on this instance (MEMAX_JOBS_ENABLED=false)");
        }
    }

    @PreDestroy
    void stop() {
        scheduler.stop();
    }
}
