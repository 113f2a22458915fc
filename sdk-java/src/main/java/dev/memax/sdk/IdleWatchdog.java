package dev.memax.sdk;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Notices a stream on which nothing has arrived for too long (a half-open connection never
 * reports an error by itself) and aborts it, so the reader sees an I/O error. One per
 * connection; {@link #activity()} is called from the reading thread, the check runs on the
 * client's scheduler.
 */
final class IdleWatchdog {
    private final Transport transport;
    private final long idleNanos;
    private final Runnable onIdle;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean stopped;
    private volatile boolean fired;
    private ScheduledFuture<?> task;

    private IdleWatchdog(Transport transport, long idleNanos, Runnable onIdle) {
        this.transport = transport;
        this.idleNanos = idleNanos;
        this.onIdle = onIdle;
    }

    /** Starts watching; a null, zero or negative timeout watches nothing. */
    static IdleWatchdog start(Transport transport, Duration timeout, Runnable onIdle) {
        long nanos = timeout == null || timeout.isNegative() || timeout.isZero() ? 0 : timeout.toNanos();
        IdleWatchdog watchdog = new IdleWatchdog(transport, nanos, onIdle);
        if (nanos > 0) {
            watchdog.schedule(nanos);
        }
        return watchdog;
    }

    /** Something arrived. */
    void activity() {
        lastActivity = System.nanoTime();
    }

    /** The timeout in milliseconds (0: none). */
    long timeoutMillis() {
        return idleNanos / 1_000_000;
    }

    /** Whether it aborted the stream. */
    boolean fired() {
        return fired;
    }

    /** Stops watching (the connection has ended). */
    synchronized void stop() {
        stopped = true;
        if (task != null) {
            task.cancel(false);
        }
    }

    private synchronized void schedule(long delayNanos) {
        if (stopped) {
            return;
        }
        try {
            task = transport.scheduler().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException clientClosed) {
            // The client is closing, which stops the stream anyway.
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        long idleFor = System.nanoTime() - lastActivity;
        if (idleFor >= idleNanos) {
            fired = true;
            onIdle.run();
        } else {
            schedule(idleNanos - idleFor);
        }
    }
}
