package dev.memax.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.memax.sdk.errors.ApiException;
import dev.memax.sdk.errors.ConnectionException;
import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.models.ServerEvent;
import dev.memax.sdk.params.EventSubscribeParams;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A live subscription to the event stream, made by {@link EventService#subscribe}. It
 * connects, reads and reconnects on its own thread until {@link #close()}d, the client is
 * closed, or an error that retrying cannot fix stops it.
 *
 * <p><b>Exactly once.</b> Event ids are numbers that grow with every event: the subscription
 * remembers the highest id it has seen, sends it as {@code Last-Event-ID} when it reconnects,
 * and drops any event whose id is not above it (a replay overlapping what was already
 * delivered). A {@link ServerEvent#RESET} moves that position to the reset's own id (or
 * forgets it when the reset has none), so what follows is delivered whatever its id.
 *
 * <p>Thread-safe: {@link #close()} and the accessors may be called from any thread,
 * including from inside a listener callback.
 */
public final class EventSubscription implements AutoCloseable {
    private static final int RECENT_IDS = 1024;

    private final Transport transport;
    private final EventSubscribeParams params;
    private final EventListener listener;
    private final RequestOptions options;
    private final Cancellation cancellation = new Cancellation();
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Non-numeric ids seen lately (numeric ones are deduplicated by order). Subscription thread only. */
    private final Set<String> recentIds = new LinkedHashSet<>();

    private volatile String lastEventId;
    private volatile boolean connected;
    private volatile Long retryHint;
    /** Why the server said it ended the current connection ({@code close} event), if it did. Subscription thread only. */
    private String closeReason;
    /** Whether the current connection delivered a frame: it worked, so the backoff starts over. */
    private boolean receivedEvent;

    EventSubscription(
            Transport transport, EventSubscribeParams params, EventListener listener, RequestOptions options) {
        this.transport = transport;
        this.params = params;
        this.listener = listener;
        this.options = options;
        String after = params.after();
        this.lastEventId = after == null || after.isBlank() ? null : after.trim();
    }

    void start(Executor executor) {
        transport.startStream(cancellation, executor, this::run);
    }

    /**
     * Stops the subscription: aborts the request or connection in progress and ends any wait
     * before a reconnection, at once. Returns without waiting; the subscription's thread then
     * calls {@link EventListener#onClosed()} (an event being delivered at this moment still
     * completes; no other follows). Idempotent; callable from any thread.
     */
    @Override
    public void close() {
        cancellation.cancel();
    }

    /** Whether {@link #close()} was called or the subscription stopped by itself. */
    public boolean isClosed() {
        return cancellation.isCancelled() || finished.getCount() == 0;
    }

    /** Whether a connection is open right now (between a response and its end). */
    public boolean isConnected() {
        return connected;
    }

    /**
     * The position the subscription resumes from: the highest event id seen, or null before
     * any. Store it to resume in a later process with
     * {@link EventSubscribeParams.Builder#after(String)}.
     */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * Waits until the subscription's thread has finished (after {@link EventListener#onClosed()}).
     *
     * @return false when the timeout expired first
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return finished.await(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    private boolean stopping() {
        return cancellation.isCancelled() || transport.isClosed();
    }

    private void run() {
        MemaxException failure = null;
        try {
            loop();
        } catch (StreamFailure f) {
            failure = f.error;
        } catch (RuntimeException e) {
            if (!stopping() && !Thread.currentThread().isInterrupted()) {
                failure = e instanceof MemaxException m
                        ? m
                        : new MemaxException("the event subscription failed: " + e, e);
            }
        } finally {
            connected = false;
            transport.unregister(cancellation);
            boolean closedByCaller = cancellation.isCancelled();
            cancellation.cancel();
            try {
                if (failure != null && !closedByCaller) {
                    listener.onError(failure);
                }
            } catch (RuntimeException | Error ignored) {
                // Nothing left to report it to.
            } finally {
                try {
                    listener.onClosed();
                } catch (RuntimeException | Error ignored) {
                    // Nothing left to report it to.
                }
                finished.countDown();
            }
        }
    }

    private void loop() {
        int failures = 0;
        boolean first = true;
        while (!stopping()) {
            MemaxException cause;
            Duration serverDelay = null;
            receivedEvent = false;
            closeReason = null;
            try {
                cause = connectAndRead(first);
                if (cause == null) {
                    return;
                }
            } catch (CancellationException e) {
                return;
            } catch (ConnectionException e) {
                cause = e;
            } catch (ApiException e) {
                if (!retryable(e)) {
                    throw new StreamFailure(e);
                }
                cause = e;
                serverDelay = Transport.retryAfter(e.headers());
            } catch (IllegalStateException e) {
                if (transport.isClosed()) {
                    return;
                }
                throw e;
            }
            first = false;
            if (stopping()) {
                return;
            }
            failures = receivedEvent ? 1 : failures + 1;
            Duration delay = serverDelay != null ? serverDelay : reconnectDelay(failures);
            MemaxException reason = cause;
            int attempt = failures;
            deliver(() -> listener.onReconnecting(reason, delay, attempt));
            if (cancellation.await(delay)) {
                return;
            }
        }
    }

    /** 5xx, 429, 408 and {@code not_ready} may pass; any other error answer will not. */
    private static boolean retryable(ApiException e) {
        int status = e.status();
        return status >= 500 || status == 429 || status == 408 || "not_ready".equals(e.code());
    }

    /**
     * The wait before reconnection attempt {@code failures}: the server's {@code retry:} hint
     * after a working connection, then an exponential backoff with jitter from the hint (or the
     * client's initial retry delay), capped, never shorter than the hint.
     */
    private Duration reconnectDelay(int failures) {
        Long hintMillis = retryHint;
        Duration hint = hintMillis == null ? null : Duration.ofMillis(hintMillis);
        Duration initial = hint != null && !hint.isZero() ? hint : transport.initialRetryDelay();
        Duration cap = params.maxReconnectDelay().compareTo(initial) >= 0 ? params.maxReconnectDelay() : initial;
        if (hint != null && failures <= 1) {
            return hint;
        }
        Duration delay = Transport.backoff(failures, initial, cap);
        return hint != null && delay.compareTo(hint) < 0 ? hint : delay;
    }

    /**
     * One connection: opens it, delivers what it reads until it ends.
     *
     * @return why it ended (to reconnect), or null when the server asked not to reconnect (204)
     */
    private MemaxException connectAndRead(boolean first) {
        Map<String, String> query = new LinkedHashMap<>();
        if (params.hubId() != null) {
            query.put("hub_id", params.hubId().toString());
        }
        if (!params.types().isEmpty()) {
            query.put("types", String.join(",", params.types()));
        }
        String position = lastEventId;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-cache");
        if (position != null) {
            if (first) {
                query.put("after", position);
            } else {
                headers.put("Last-Event-ID", position);
            }
        }
        HttpResponse<InputStream> response = transport.openStream(
                new Transport.Request(
                        "GET",
                        EventService.PATH,
                        query,
                        null,
                        options,
                        Transport.Auth.REQUIRED,
                        "text/event-stream",
                        headers,
                        0),
                cancellation);
        SseConnection stream = null;
        try (InputStream body = response.body()) {
            if (response.statusCode() == 204) {
                return null;
            }
            if (!SseConnection.isEventStream(SseConnection.contentType(response))) {
                throw new StreamFailure(SseConnection.notAnEventStream("GET " + EventService.PATH, response));
            }
            stream = new SseConnection("the event stream", transport, body, params.idleTimeout(), cancellation);
            connected = true;
            for (SseFrame frame = stream.next(); frame != null; frame = stream.next()) {
                if (stopping()) {
                    throw new CancellationException();
                }
                if (stream.retry() != null) {
                    retryHint = stream.retry();
                }
                handle(frame);
            }
            String reason = closeReason;
            return new ConnectionException(
                    "the server ended the event stream" + (reason == null ? "" : " (" + reason + ")"), null, 1);
        } catch (IOException e) {
            if (stopping()) {
                throw new CancellationException();
            }
            return stream != null ? stream.broken(e) : new ConnectionException("the event stream broke: " + e, e, 1);
        } finally {
            connected = false;
            if (stream != null) {
                stream.close();
                if (stream.retry() != null) {
                    retryHint = stream.retry();
                }
            }
            cancellation.detach();
        }
    }

    private void handle(SseFrame frame) {
        String id = frame.id();
        if (!frame.dispatched()) {
            advance(id);
            return;
        }
        receivedEvent = true;
        ServerEvent event = new ServerEvent(id, frame.event(), parse(frame.data()));
        switch (frame.event()) {
            case ServerEvent.READY -> {
                advance(id);
                deliver(() -> listener.onReady(event));
            }
            case ServerEvent.CLOSE -> {
                // About the connection, which the subscription manages: it reconnects and resumes.
                closeReason = event.data().path("reason").asText(null);
            }
            case ServerEvent.PING -> {
                advance(id);
                if (params.includeHeartbeats()) {
                    deliver(() -> listener.onEvent(event));
                }
            }
            case ServerEvent.RESET -> {
                // The old position has expired: the reset's id (if any) is the new one.
                recentIds.clear();
                lastEventId = id == null || id.isEmpty() ? null : id;
                if (id != null && !id.isEmpty() && !isNumeric(id)) {
                    remember(id);
                }
                deliver(() -> listener.onEvent(event));
            }
            default -> {
                if (id != null && !id.isEmpty() && seen(id)) {
                    return;
                }
                advance(id);
                deliver(() -> listener.onEvent(event));
            }
        }
    }

    private static JsonNode parse(String data) {
        JsonNode node = Json.tryParse(data);
        if (node != null) {
            return node;
        }
        return data.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(data);
    }

    /** Whether an event with this id was already delivered. */
    private boolean seen(String id) {
        String last = lastEventId;
        if (isNumeric(id) && last != null && isNumeric(last)) {
            return compareNumeric(id, last) <= 0;
        }
        return recentIds.contains(id);
    }

    /** Moves the position to {@code id} (never backwards); an empty id forgets it, as the SSE spec says. */
    private void advance(String id) {
        if (id == null) {
            return;
        }
        if (id.isEmpty()) {
            lastEventId = null;
            return;
        }
        String last = lastEventId;
        if (last == null || !isNumeric(id) || !isNumeric(last) || compareNumeric(id, last) > 0) {
            lastEventId = id;
        }
        if (!isNumeric(id)) {
            remember(id);
        }
    }

    private void remember(String id) {
        recentIds.add(id);
        if (recentIds.size() > RECENT_IDS) {
            Iterator<String> oldest = recentIds.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    static boolean isNumeric(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Compares two digit strings as numbers of any size. */
    static int compareNumeric(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** Calls the listener; what it throws ends the subscription. */
    private static void deliver(Runnable call) {
        StreamFailure.deliver("EventListener", call);
    }
}
