package dev.memax.sdk;

import dev.memax.sdk.errors.MemaxException;

/**
 * Unwinds a stream's own thread ({@link AskStream}, {@link EventSubscription}) with the error
 * its listener is to receive: thrown where the stream cannot go on (a listener callback threw,
 * an answer it cannot read or retry), caught where that thread reports the error and ends.
 * Carries no stack trace; {@link #error} has the cause.
 */
final class StreamFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient MemaxException error;

    StreamFailure(MemaxException error) {
        super(error.getMessage(), null, false, false);
        this.error = error;
    }

    /** Runs a listener callback; what it throws becomes a failure naming {@code listener}. */
    static void deliver(String listener, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            throw new StreamFailure(new MemaxException("the " + listener + " threw " + e, e));
        }
    }
}
