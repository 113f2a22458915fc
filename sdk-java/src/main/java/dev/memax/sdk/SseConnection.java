package dev.memax.sdk;

import dev.memax.sdk.errors.ConnectionException;
import dev.memax.sdk.errors.MemaxException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * One response's event stream as the SDK's streaming calls read it: frames from an
 * {@link SseReader}, an {@link IdleWatchdog} that aborts the connection when nothing arrives
 * for too long, and the errors either makes. {@link AskStream} and {@link EventSubscription}
 * both read through it. Closing it stops the watchdog; the body stays its owner's to close.
 */
final class SseConnection implements AutoCloseable {
    private final String name;
    private final IdleWatchdog watchdog;
    private final SseReader reader;

    /**
     * @param name what the stream is called in error messages, e.g. {@code "the event stream"}
     * @param idle how long the stream may stay silent (heartbeats count); null or zero: forever
     */
    SseConnection(String name, Transport transport, InputStream body, Duration idle, Cancellation cancellation) {
        this.name = name;
        this.watchdog = IdleWatchdog.start(transport, idle, cancellation::abortCurrent);
        this.reader = new SseReader(body, watchdog::activity);
    }

    /** The response's {@code Content-Type}, lower-cased; empty when it has none. */
    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    }

    /** Whether a response of this {@code Content-Type} is read as an event stream (none is taken as one). */
    static boolean isEventStream(String contentType) {
        return contentType.isEmpty() || contentType.startsWith("text/event-stream");
    }

    /** The error for a response that is neither an event stream nor anything else the call reads. */
    static MemaxException notAnEventStream(String call, HttpResponse<?> response) {
        return new MemaxException(call + " answered " + response.statusCode() + " with Content-Type "
                + contentType(response) + ", not an event stream");
    }

    /** The next frame, or null at the end of the stream; see {@link SseReader#next()}. */
    SseFrame next() throws IOException {
        return reader.next();
    }

    /** The server's last {@code retry:} hint in milliseconds, or null. */
    Long retry() {
        return reader.retry();
    }

    /** What a read that failed with {@code e} reports: an idle stream when the watchdog cut it. */
    ConnectionException broken(IOException e) {
        if (watchdog.fired()) {
            return new ConnectionException(
                    "nothing arrived on " + name + " for " + watchdog.timeoutMillis() + " ms",
                    new HttpTimeoutException("idle stream"),
                    1);
        }
        return new ConnectionException(name + " broke: " + e, e, 1);
    }

    @Override
    public void close() {
        watchdog.stop();
    }
}
