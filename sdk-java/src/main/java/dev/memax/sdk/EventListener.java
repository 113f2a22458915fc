package dev.memax.sdk;

import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.models.ServerEvent;
import java.time.Duration;

/**
 * Receives what an {@link EventSubscription} reads. Every method is called on the
 * subscription's thread, one call at a time, in stream order; only {@link #onEvent} must be
 * implemented.
 *
 * <p>A method that throws ends the subscription: {@link #onError} receives a
 * {@link MemaxException} whose cause is what was thrown, then {@link #onClosed} is called.
 */
@FunctionalInterface
public interface EventListener {
    /**
     * An event: a change ({@code hub.memories.changed}, …), a {@link ServerEvent#RESET}
     * (re-read the state you mirror), or a {@code ping} when heartbeats were asked for. Each
     * event id is delivered at most once, across reconnections too.
     */
    void onEvent(ServerEvent event);

    /**
     * The stream is open: the server sent {@code ready}, at once after every (re)connection.
     * Events missed while disconnected follow (the subscription resumes after the last id it
     * saw).
     */
    default void onReady(ServerEvent ready) {}

    /**
     * The connection dropped, the server ended the stream or a (re)connection attempt failed
     * with a temporary error (network, 5xx, 429); the subscription tries again after
     * {@code delay}.
     *
     * @param cause   what went wrong
     * @param delay   how long it waits before the next attempt
     * @param attempt 1 for the first attempt after a working connection, then 2, 3, …
     */
    default void onReconnecting(MemaxException cause, Duration delay, int attempt) {}

    /**
     * The subscription stops for good because of {@code error}: an answer retrying cannot fix
     * (401, 403, 404, 422, other 4xx: an {@link dev.memax.sdk.errors.ApiException}), a response
     * that is not an event stream, or an exception thrown by this listener. {@link #onClosed}
     * follows. Not called when the subscription is closed.
     */
    default void onError(MemaxException error) {}

    /** The subscription has ended (closed, or after {@link #onError}); the last call. */
    default void onClosed() {}
}
