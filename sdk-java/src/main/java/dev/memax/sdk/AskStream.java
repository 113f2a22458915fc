package dev.memax.sdk;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.sdk.errors.ApiException;
import dev.memax.sdk.errors.ConnectionException;
import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.models.AskMetadata;
import dev.memax.sdk.models.AskResponse;
import dev.memax.sdk.models.AskSource;
import dev.memax.sdk.models.Citation;
import dev.memax.sdk.params.AskParams;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A streamed answer in progress, made by {@link AskService#stream}. Cancel it to stop the
 * answer (the connection is closed, so the server stops generating), or wait for it with
 * {@link #await()} / {@link #result()}.
 *
 * <p>Thread-safe: {@link #cancel()} may be called from any thread, including from inside a
 * listener callback.
 */
public final class AskStream implements AutoCloseable {
    private static final int SNIPPET = 200;

    private final Transport transport;
    private final AskParams params;
    private final AskStreamListener listener;
    private final RequestOptions options;
    private final Cancellation cancellation = new Cancellation();
    private final Result result = new Result();

    AskStream(Transport transport, AskParams params, AskStreamListener listener, RequestOptions options) {
        this.transport = transport;
        this.params = params;
        this.listener = listener;
        this.options = options;
    }

    void start(Executor executor) {
        transport.startStream(cancellation, executor, this::run);
    }

    /**
     * Stops the answer: aborts the request or closes the connection at once. No listener
     * method is called afterwards (one running at this moment completes); {@link #result()}
     * completes with a {@link CancellationException}. Does nothing once the answer is complete
     * or failed. Idempotent; callable from any thread.
     */
    public void cancel() {
        if (!result.isDone()) {
            cancellation.cancel();
            result.cancelQuietly();
        }
    }

    /** {@link #cancel()}, for try-with-resources. */
    @Override
    public void close() {
        cancel();
    }

    /** Whether the answer is complete, failed or cancelled. */
    public boolean isDone() {
        return result.isDone();
    }

    /**
     * The whole answer, once {@code done} arrived (after {@link AskStreamListener#onDone}); it
     * completes exceptionally with what {@link AskStreamListener#onError} received, or with a
     * {@link CancellationException}. Cancelling this future cancels the stream.
     */
    public CompletableFuture<AskResponse> result() {
        return result;
    }

    /**
     * Blocks until the answer is complete and returns it.
     *
     * @throws MemaxException        what {@link AskStreamListener#onError} received
     * @throws CancellationException when the stream was cancelled
     */
    public AskResponse await() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MemaxException m) {
                throw m;
            }
            throw e;
        }
    }

    private void run() {
        try {
            HttpResponse<InputStream> response = transport.openStream(
                    new Transport.Request(
                            "POST",
                            AskService.PATH,
                            Map.of(),
                            params,
                            options,
                            Transport.Auth.REQUIRED,
                            "text/event-stream",
                            Map.of(),
                            null),
                    cancellation);
            try (InputStream body = response.body()) {
                String type = SseConnection.contentType(response);
                if (type.startsWith("application/json")) {
                    readEnvelope(body);
                } else if (SseConnection.isEventStream(type)) {
                    readEvents(body, response);
                } else {
                    fail(SseConnection.notAnEventStream("POST " + AskService.PATH, response));
                }
            }
        } catch (CancellationException cancelled) {
            // cancel(): nothing more to report.
        } catch (StreamFailure f) {
            fail(f.error);
        } catch (MemaxException e) {
            fail(e);
        } catch (IOException e) {
            fail(new ConnectionException("the answer stream broke: " + e, e, 1));
        } catch (RuntimeException e) {
            fail(new MemaxException("the answer stream failed: " + e, e));
        } finally {
            transport.unregister(cancellation);
            if (!result.isDone()) {
                // Only reachable when cancelled: every other path completes the result.
                result.cancelQuietly();
            }
            cancellation.cancel();
        }
    }

    private void readEvents(InputStream body, HttpResponse<InputStream> response) {
        Duration idle = options.timeout() != null ? options.timeout() : transport.requestTimeout();
        SseConnection stream = new SseConnection("the answer stream", transport, body, idle, cancellation);
        try {
            readEvents(stream, response);
        } catch (IOException e) {
            fail(stream.broken(e));
        } finally {
            stream.close();
        }
    }

    private void readEvents(SseConnection stream, HttpResponse<InputStream> response) throws IOException {
        StringBuilder answer = new StringBuilder();
        List<AskSource> sources = List.of();
        for (SseFrame frame = stream.next(); frame != null; frame = stream.next()) {
            if (cancellation.isCancelled()) {
                throw new CancellationException();
            }
            if (!frame.dispatched()) {
                continue;
            }
            switch (frame.event()) {
                case "sources" -> {
                    List<AskSource> received = sources(json(frame));
                    sources = received;
                    deliver(() -> listener.onSources(received));
                }
                case "delta" -> {
                    String text = deltaText(frame);
                    answer.append(text);
                    deliver(() -> listener.onDelta(text));
                }
                case "done" -> {
                    AskResponse done = assemble(json(frame), answer.toString(), sources);
                    deliver(() -> listener.onDone(done));
                    result.complete(done);
                    return;
                }
                case "error" -> {
                    fail(streamError(frame, response));
                    return;
                }
                default -> {
                    // A heartbeat or an event this SDK version does not know.
                }
            }
        }
        if (cancellation.isCancelled()) {
            throw new CancellationException();
        }
        fail(new ConnectionException("the answer stream ended before its done event", null, 1));
    }

    /** A server that answered the JSON envelope: the same callbacks, the answer as one delta. */
    private void readEnvelope(InputStream body) throws IOException {
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        JsonNode root = Json.tryParse(text);
        if (root == null || !root.isObject() || !root.has("data")) {
            throw new MemaxException("POST " + AskService.PATH + ": the response is not a {\"data\": …} envelope");
        }
        AskResponse response;
        try {
            response = Json.MAPPER.treeToValue(root.get("data"), AskResponse.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new MemaxException("could not read the response as AskResponse", e);
        }
        deliver(() -> listener.onSources(response.sources()));
        if (!response.answer().isEmpty()) {
            deliver(() -> listener.onDelta(response.answer()));
        }
        deliver(() -> listener.onDone(response));
        result.complete(response);
    }

    private static JsonNode json(SseFrame frame) {
        JsonNode node = Json.tryParse(frame.data());
        if (node == null) {
            throw malformed(frame, "not JSON");
        }
        return node;
    }

    private static MemaxException malformed(SseFrame frame, String why) {
        String data = frame.data();
        String snippet = data.length() > SNIPPET ? data.substring(0, SNIPPET) + "…" : data;
        return new MemaxException(
                "malformed `" + frame.event() + "` event in the answer stream (" + why + "): " + snippet);
    }

    private static String deltaText(SseFrame frame) {
        JsonNode node = json(frame);
        if (node.isTextual()) {
            return node.asText();
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw malformed(frame, "no text");
        }
        return text.asText();
    }

    private static List<AskSource> sources(JsonNode node) {
        JsonNode array = node.isArray() ? node : node.get("sources");
        if (array == null || !array.isArray()) {
            throw new MemaxException("malformed `sources` event in the answer stream (no list of sources)");
        }
        List<AskSource> list = new ArrayList<>();
        array.forEach(item -> list.add(AskSource.fromJson(item)));
        return List.copyOf(list);
    }

    /**
     * The answer {@code done} completes: its own {@code answer}, {@code citations},
     * {@code sources} and {@code metadata} where present, else what the stream carried
     * (a {@code done} without a {@code metadata} object is taken as the metadata itself).
     */
    private static AskResponse assemble(JsonNode done, String streamed, List<AskSource> streamedSources) {
        if (!done.isObject()) {
            throw new MemaxException("malformed `done` event in the answer stream (not an object)");
        }
        String answer = done.path("answer").isTextual() ? done.get("answer").asText() : streamed;
        List<Citation> citations = List.of();
        if (done.path("citations").isArray()) {
            JavaType type = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Citation.class);
            try {
                citations = Json.MAPPER.convertValue(done.get("citations"), type);
            } catch (IllegalArgumentException e) {
                throw new MemaxException("malformed `done` event in the answer stream (citations)", e);
            }
        }
        List<AskSource> sources = done.path("sources").isArray() ? sources(done.get("sources")) : streamedSources;
        JsonNode metadata = done.path("metadata").isObject() ? done.get("metadata") : done;
        return new AskResponse(answer, citations, sources, AskMetadata.fromJson(metadata));
    }

    /** An {@code error} event as the exception of its code: {@code {"error": {code, message, details}}} or the object itself. */
    private static ApiException streamError(SseFrame frame, HttpResponse<?> response) {
        JsonNode node = Json.tryParse(frame.data());
        JsonNode error = node != null && node.path("error").isObject() ? node.get("error") : node;
        String code = error != null && error.path("code").isTextual()
                ? error.get("code").asText()
                : null;
        String message = error != null && error.path("message").isTextual()
                ? error.get("message").asText()
                : error != null && error.isTextual()
                        ? error.asText()
                        : node == null && !frame.data().isBlank() ? frame.data() : "the answer failed";
        Map<String, Object> details =
                error != null && error.path("details").isObject() ? Transport.toMap(error.get("details")) : Map.of();
        int status = error != null
                        && error.path("status").canConvertToInt()
                        && error.path("status").isNumber()
                ? error.get("status").asInt()
                : ApiException.statusForCode(code);
        return ApiException.of(
                status,
                code,
                message,
                details,
                response.headers().firstValue("X-Request-ID").orElse(null),
                response.headers(),
                null);
    }

    private void fail(MemaxException error) {
        if (cancellation.isCancelled() || result.isDone()) {
            return;
        }
        try {
            listener.onError(error);
        } catch (RuntimeException | Error ignored) {
            // Nothing left to report it to.
        }
        result.completeExceptionally(error);
    }

    /** Calls the listener unless cancelled; what it throws ends the stream. */
    private void deliver(Runnable call) {
        if (cancellation.isCancelled()) {
            throw new CancellationException();
        }
        StreamFailure.deliver("AskStreamListener", call);
    }

    /** The result future; cancelling it cancels the stream. */
    private final class Result extends CompletableFuture<AskResponse> {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            cancellation.cancel();
            return cancelled;
        }

        void cancelQuietly() {
            super.cancel(false);
        }
    }
}
