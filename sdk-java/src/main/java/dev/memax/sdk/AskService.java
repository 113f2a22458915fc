package dev.memax.sdk;

import dev.memax.sdk.models.AskResponse;
import dev.memax.sdk.params.AskParams;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Questions answered from the caller's memories: {@code POST /v1/ask}. The server recalls the
 * memories that match (with the same filters as recall) and has a language model write an
 * answer citing them; with no model configured it answers extractively and says so.
 *
 * <pre>{@code
 * AskResponse answer = client.ask().create(AskParams.of("What did we decide about caching?"));
 *
 * AskStream stream = client.ask().stream(AskParams.of("Summarise last week"), System.out::print);
 * AskResponse whole = stream.await();                 // or stream.cancel() to stop early
 * }</pre>
 */
public final class AskService {
    static final String PATH = "/v1/ask";

    private final Transport transport;
    private final Executor executor;

    AskService(Transport transport, Executor executor) {
        this.transport = transport;
        this.executor = executor;
    }

    /**
     * Asks and waits for the whole answer. {@code POST /v1/ask}.
     *
     * @throws dev.memax.sdk.errors.ValidationException a blank query or an invalid filter
     * @throws dev.memax.sdk.errors.RateLimitException  the {@code heavy} rate-limit bucket is empty
     */
    public AskResponse create(AskParams params) {
        return create(params, RequestOptions.NONE);
    }

    /** {@link #create(AskParams)} with per-call options. */
    public AskResponse create(AskParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("POST", PATH, params, options, Transport.Auth.REQUIRED, AskResponse.class);
    }

    /**
     * Asks and receives the answer as it is written: {@code POST /v1/ask} with
     * {@code Accept: text/event-stream}, read in the background (on a daemon thread, or the
     * client's {@linkplain MemaxClient.Builder#streamExecutor stream executor}). The server's
     * {@code sources}, {@code delta}, {@code done} and {@code error} events reach the
     * listener's {@code onSources}, {@code onDelta}, {@code onDone} and {@code onError}.
     *
     * <p>Until the response arrives the request is retried like any POST (same
     * {@code Idempotency-Key}; 429/503 after {@code Retry-After}, other 5xx and network errors
     * with backoff); once the stream has started it is never retried: a broken connection
     * ends in {@code onError} with a {@link dev.memax.sdk.errors.ConnectionException}. If
     * nothing arrives for the request timeout (the call's, else the client's), the stream fails
     * the same way. {@link AskStream#cancel()} closes the connection, which tells the server to
     * stop generating.
     *
     * <p>A server that answers the JSON envelope instead of a stream is handled too: the
     * listener then gets the sources, the whole answer as one delta, and done.
     *
     * @throws IllegalStateException when the client is closed
     */
    public AskStream stream(AskParams params, AskStreamListener listener) {
        return stream(params, listener, RequestOptions.NONE);
    }

    /** {@link #stream(AskParams, AskStreamListener)} with per-call options. */
    public AskStream stream(AskParams params, AskStreamListener listener, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(listener, "listener");
        if (transport.isClosed()) {
            throw new IllegalStateException("this MemaxClient is closed");
        }
        AskStream stream = new AskStream(transport, params, listener, options == null ? RequestOptions.NONE : options);
        stream.start(executor);
        return stream;
    }
}
