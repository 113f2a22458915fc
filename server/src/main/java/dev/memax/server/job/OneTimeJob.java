package dev.memax.server.job;

/**
 * Work queued by {@link JobQueue#enqueue} that runs once per queued instance, on exactly one
 * instance of the cluster (db-scheduler holds the execution's row). When the instance running
 * it dies, db-scheduler's dead-execution detection runs it again elsewhere, so {@link #run} must
 * be safe to repeat. Implement it as a bean.
 */
public interface OneTimeJob {
    /** Unique, stable name: the task's name in {@code scheduled_tasks}. */
    String name();

    /** Runs the instance queued under this id. */
    void run(String instanceId);
}
