package dev.memax.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops one streaming call from any thread: aborts the request waiting for its headers,
 * closes the body being read (which closes the connection, so the server sees the client
 * leave) and wakes a wait between attempts. Once cancelled it stays cancelled; whatever is
 * attached afterwards is aborted at once.
 */
final class Cancellation {
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private CompletableFuture<?> inflight;
    private InputStream body;

    boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Cancels; idempotent. */
    void cancel() {
        CompletableFuture<?> future;
        InputStream stream;
        synchronized (this) {
            if (isCancelled()) {
                return;
            }
            cancelled.countDown();
            future = inflight;
            stream = body;
            inflight = null;
            body = null;
        }
        abort(future, stream);
    }

    /**
     * Aborts the current connection (request or body) without cancelling, e.g. when it has been
     * idle too long: the reader sees an I/O error and the caller decides what follows.
     */
    void abortCurrent() {
        CompletableFuture<?> future;
        InputStream stream;
        synchronized (this) {
            future = inflight;
            stream = body;
        }
        abort(future, stream);
    }

    /** The request whose response is awaited now. */
    void attach(CompletableFuture<?> future) {
        boolean abort;
        synchronized (this) {
            abort = isCancelled();
            inflight = abort ? null : future;
        }
        if (abort) {
            future.cancel(true);
        }
    }

    /** The response body being read now. */
    void attach(InputStream stream) {
        boolean abort;
        synchronized (this) {
            abort = isCancelled();
            inflight = null;
            body = abort ? null : stream;
        }
        if (abort) {
            closeQuietly(stream);
        }
    }

    /** Forgets the current request or body (it is finished). */
    synchronized void detach() {
        inflight = null;
        body = null;
    }

    /**
     * Waits, unless cancelled first.
     *
     * @return true when cancelled (before or during the wait)
     */
    boolean await(Duration duration) {
        try {
            return cancelled.await(Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void abort(CompletableFuture<?> future, InputStream stream) {
        if (future != null) {
            future.cancel(true);
        }
        if (stream != null) {
            closeQuietly(stream);
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Closing is best effort: the connection is being abandoned.
        }
    }
}
