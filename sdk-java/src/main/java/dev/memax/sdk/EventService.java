package dev.memax.sdk;

import dev.memax.sdk.params.EventSubscribeParams;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The real-time event stream: {@code GET /v1/events/stream} (Server-Sent Events).
 *
 * <pre>{@code
 * EventSubscription events = client.events().subscribe(
 *         EventSubscribeParams.builder().hubId(hubId).types(ServerEvent.MEMORIES_CHANGED).build(),
 *         event -> {
 *             if (event.isReset()) {
 *                 reloadEverything();                       // events were missed: re-sync
 *             } else {
 *                 refresh(event.entityId(), event.action());
 *             }
 *         });
 * // … later, from any thread:
 * events.close();
 * }</pre>
 */
public final class EventService {
    static final String PATH = "/v1/events/stream";

    private final Transport transport;
    private final Executor executor;

    EventService(Transport transport, Executor executor) {
        this.transport = transport;
        this.executor = executor;
    }

    /**
     * Opens a subscription, which connects in the background (on a daemon thread, or the
     * client's {@linkplain MemaxClient.Builder#streamExecutor stream executor}) and delivers
     * events to {@code listener} until it is closed.
     *
     * <p>It reconnects by itself whenever the connection drops, the server ends the stream, or
     * an attempt fails with a network error, a 5xx or a 429: after the server's {@code retry:}
     * hint or {@code Retry-After}, else after an exponential backoff with jitter (from the
     * client's {@linkplain MemaxClient.Builder#initialRetryDelay initial retry delay} up to
     * {@link EventSubscribeParams#maxReconnectDelay()}), sending {@code Last-Event-ID} so the
     * server resumes after the last event seen; an event id is never delivered twice. It stops
     * for good (with {@link EventListener#onError} then {@link EventListener#onClosed}) on
     * answers retrying cannot fix: 401, 403, 404, 422 and other 4xx.
     *
     * @throws IllegalStateException when the client is closed
     */
    public EventSubscription subscribe(EventSubscribeParams params, EventListener listener) {
        return subscribe(params, listener, RequestOptions.NONE);
    }

    /**
     * {@link #subscribe(EventSubscribeParams, EventListener)} with per-call options: headers and
     * {@code X-Hub-ID} are sent on every connection, {@code timeout} bounds the wait for each
     * connection's response headers, {@code onResponse} sees each connection's response;
     * {@code maxRetries} does not apply (a subscription retries until closed).
     */
    public EventSubscription subscribe(EventSubscribeParams params, EventListener listener, RequestOptions options) {
        Objects.requireNonNull(listener, "listener");
        if (transport.isClosed()) {
            throw new IllegalStateException("this MemaxClient is closed");
        }
        EventSubscription subscription = new EventSubscription(
                transport,
                params == null ? EventSubscribeParams.DEFAULT : params,
                listener,
                options == null ? RequestOptions.NONE : options);
        subscription.start(executor);
        return subscription;
    }

    /** Subscribes to every event of every hub the caller may read. */
    public EventSubscription subscribe(EventListener listener) {
        return subscribe(EventSubscribeParams.DEFAULT, listener, RequestOptions.NONE);
    }
}
