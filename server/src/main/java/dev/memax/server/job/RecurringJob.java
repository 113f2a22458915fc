package dev.memax.server.job;

import java.time.Duration;

/**
 * Background work that runs every {@link #interval()} on exactly one instance of the cluster
 * at a time (db-scheduler locks the task's row in PostgreSQL). Implement it as a bean.
 */
public interface RecurringJob {
    /** Unique, stable name: it is the task's key in {@code scheduled_tasks}. */
    String name();

    Duration interval();

    void run();
}
