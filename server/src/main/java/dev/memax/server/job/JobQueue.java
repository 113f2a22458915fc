package dev.memax.server.job;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.memax.server.platform.Now;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * Queues {@link OneTimeJob} instances in {@code scheduled_tasks}. Separate from {@link JobRunner}
 * so that jobs the runner executes may themselves queue work without a bean cycle.
 */
@Singleton
public class JobQueue {
    private final SchedulerClient client;

    public JobQueue(DataSource dataSource) {
        // Same reason as JobRunner: db-scheduler commits on its own connections.
        this.client = SchedulerClient.Builder.create(DelegatingDataSource.unwrapDataSource(dataSource))
                .build();
    }

    /**
     * Queues the job's instance to run now, unless that instance is already queued or running
     * (then it is left as it is: a job is queued at most once per id).
     */
    public boolean enqueue(String jobName, String instanceId) {
        return client.scheduleIfNotExists(new TaskInstance<Void>(jobName, instanceId), Now.instant());
    }
}
