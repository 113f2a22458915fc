package dev.memax.sdk;

import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.models.AskResponse;
import dev.memax.sdk.models.AskSource;
import java.util.List;

/**
 * Receives a streamed answer ({@link AskService#stream}). Methods are called on the stream's
 * thread, one at a time: {@link #onSources} (usually once, first), {@link #onDelta} for each
 * piece of text, then exactly one of {@link #onDone} or {@link #onError}, unless the stream is
 * cancelled (then nothing more). Only {@link #onDelta} must be implemented.
 *
 * <p>A method that throws ends the stream: the connection is closed and {@link #onError}
 * receives a {@link MemaxException} whose cause is what was thrown.
 */
@FunctionalInterface
public interface AskStreamListener {
    /** The memories the answer will be built from. */
    default void onSources(List<AskSource> sources) {}

    /** The next piece of the answer's text. */
    void onDelta(String text);

    /**
     * The answer is complete: its whole text (the deltas joined, or the server's final text),
     * citations, sources and metadata.
     */
    default void onDone(AskResponse response) {}

    /**
     * The answer failed: an {@link dev.memax.sdk.errors.ApiException} for an error answer or an
     * {@code error} event (e.g. the language model failed), a
     * {@link dev.memax.sdk.errors.ConnectionException} when the connection broke or the stream
     * ended before {@code done} (a started stream is never retried), or a {@link MemaxException}
     * for a malformed event or an exception thrown by this listener.
     */
    default void onError(MemaxException error) {}
}
