package dev.memax.server.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.auth.Caller;
import dev.memax.server.platform.SseFrames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * One open {@code GET /v1/events/stream}: its filters, its position ({@link #lastSeq}) and a
 * bounded buffer of SSE frames for the client. While it catches up from the table (a resumed
 * position) the live events the bus hands it wait in {@code pending}; afterwards each live event
 * is checked against the caller's access at that moment and dropped when at or below the
 * position, so nothing is sent twice or out of order.
 *
 * <p>Frames are written by {@link SseFrames}.
 */
final class EventStream {
    /** Names of the stream's own events (beside the {@link EventType}s). */
    static final String READY = "ready";
    static final String PING = "ping";
    static final String RESET = "reset";
    static final String CLOSE = "close";

    private final Caller caller;
    private final UUID hubFilter;
    private final Set<String> types;
    private final ReadableHubs readable;
    private final ObjectMapper json;
    private final int capacity;
    private final Executor connectionLoop;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final List<PublishedEvent> pending = new ArrayList<>();
    private FluxSink<byte[]> sink;
    private long lastSeq;
    /** True until {@link #start} (events offered before the position is known wait in {@code pending}) and while catching up. */
    private boolean catchingUp = true;
    private boolean pendingOverflowed;
    private boolean completing;
    private boolean done;
    private Runnable onEnd = () -> { };
    private Runnable onClosing = () -> { };

    /**
     * @param connectionLoop the Netty event loop of the stream's connection: the bus hands it live
     *                       events there, where Micronaut writes them without a further hand-off
     */
    EventStream(Caller caller, UUID hubFilter, Set<String> types, ReadableHubs readable, ObjectMapper json, int capacity,
                Executor connectionLoop) {
        this.caller = caller;
        this.connectionLoop = connectionLoop;
        this.hubFilter = hubFilter;
        this.types = types;
        this.readable = readable;
        this.json = json;
        this.capacity = capacity;
    }

    /** The response body: frames as the client asks for them (Netty asks as the socket drains). */
    Flux<byte[]> body(Runnable onEnd, Runnable onClosing) {
        this.onEnd = onEnd;
        this.onClosing = onClosing;
        return Flux.create(created -> {
            synchronized (this) {
                sink = created;
            }
            created.onRequest(n -> drain());
            created.onDispose(this::ended);
            drain();
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    Caller caller() {
        return caller;
    }

    Executor connectionLoop() {
        return connectionLoop;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized boolean done() {
        return done || completing;
    }

    /**
     * The first frames: {@code ready}, and a {@code reset} when the position asked for is gone;
     * then the live events that arrived meanwhile and lie after the position. Returns whether the
     * stream must catch up from the table first ({@code catchUp}, or live events were dropped
     * while it waited).
     */
    synchronized boolean start(long position, boolean catchUp, List<UUID> hubIds, Long resetTo) {
        lastSeq = position;
        queue.add(frame(READY, null, Map.of("user_id", caller.userId().toString(),
                "hub_ids", hubIds.stream().map(UUID::toString).toList()), null));
        if (resetTo != null) {
            queue.add(frame(RESET, Long.toString(resetTo), Map.of("reason", "position_expired",
                    "message", "Events after the position asked for are no longer available: re-read the state you mirror",
                    "id", resetTo), null));
        }
        if (catchUp || pendingOverflowed) {
            return true;
        }
        catchingUp = false;
        for (PublishedEvent event : pending) {
            deliver(event);
        }
        pending.clear();
        return false;
    }

    /**
     * A live event from the bus (in seq order), with its frame (the same for every stream: encoded
     * once) and whether the caller may see it ({@link #visible}, decided by the bus at delivery).
     */
    synchronized void offer(PublishedEvent event, byte[] frame, boolean visible) {
        if (done || completing) {
            return;
        }
        if (catchingUp) {
            if (pending.size() >= capacity) {
                // The catch-up re-reads these from the table.
                pending.clear();
                pendingOverflowed = true;
            } else if (!pendingOverflowed) {
                pending.add(event);
            }
            return;
        }
        if (event.seq() > lastSeq) {
            lastSeq = event.seq();
            if (visible) {
                enqueue(frame);
            }
        }
    }

    /**
     * Delivers a page read from the table during catch-up; returns false when the stream ended.
     * The caller waits for {@link #hasRoomFor} first, so a backlog never overflows the buffer.
     */
    synchronized boolean deliverBacklog(List<PublishedEvent> page) {
        for (PublishedEvent event : page) {
            deliver(event);
        }
        return !done && !completing;
    }

    synchronized boolean hasRoomFor(int frames) {
        return done || completing || queue.size() + frames <= capacity;
    }

    /**
     * Ends catch-up once the table has nothing after the position: the pending live events follow.
     * Returns false when live events were dropped meanwhile: catch up from the table again.
     */
    synchronized boolean finishCatchUp() {
        if (pendingOverflowed) {
            pendingOverflowed = false;
            return false;
        }
        catchingUp = false;
        for (PublishedEvent event : pending) {
            deliver(event);
        }
        pending.clear();
        return true;
    }

    synchronized void ping() {
        if (!done && !completing && !catchingUp) {
            enqueue(frame(PING, null, Map.of("ts", Instant.now().toString()), null));
        }
    }

    /** Ends the stream with a last {@code close} event (and a {@code retry:} hint when given). */
    synchronized void close(String reason, String message, Long retryMillis) {
        if (done || completing) {
            return;
        }
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("reason", reason);
        data.put("message", message);
        data.put("last_event_id", Long.toString(lastSeq));
        queue.add(frame(CLOSE, null, data, retryMillis));
        completing = true;
        drain();
        if (!done) {
            onClosing.run();
        }
    }

    /** Gives up on a client that does not read even its last frame. */
    synchronized void abort() {
        if (!done && sink != null) {
            queue.clear();
            sink.complete();
        }
    }

    /** An event from the table (catch-up), or a live one that waited in {@code pending}. */
    private void deliver(PublishedEvent event) {
        if (event.seq() <= lastSeq) {
            return;
        }
        lastSeq = event.seq();
        if (visible(event)) {
            enqueue(frameOf(event, json));
        }
    }

    /** The SSE frame of a change event. */
    static byte[] frameOf(PublishedEvent event, ObjectMapper json) {
        return SseFrames.frame(json, event.type(), Long.toString(event.seq()), event.data(json), null);
    }

    /** Whether the caller may see the event now (filters, then access at delivery time). */
    boolean visible(PublishedEvent event) {
        if (types != null && !types.contains(event.type())) {
            return false;
        }
        if (hubFilter != null && !hubFilter.equals(event.hubId())) {
            return false;
        }
        if (event.userId() != null) {
            if (!event.userId().equals(caller.userId())) {
                return false;
            }
            // A hub-restricted key sees only its hubs; events without one are account-level.
            return event.hubId() == null ? caller.hubRestriction() == null : caller.mayReach(event.hubId());
        }
        return caller.mayReach(event.hubId()) && readable.of(caller.userId()).contains(event.hubId());
    }

    private void enqueue(byte[] frame) {
        if (queue.size() >= capacity) {
            close("slow_consumer", "The client read too slowly: resume from last_event_id", null);
            return;
        }
        queue.add(frame);
        drain();
    }

    private synchronized void drain() {
        if (sink == null || done) {
            return;
        }
        while (!queue.isEmpty() && sink.requestedFromDownstream() > 0) {
            sink.next(queue.poll());
        }
        if (completing && queue.isEmpty()) {
            done = true;
            sink.complete();
        }
        notifyAll();
    }

    private void ended() {
        synchronized (this) {
            done = true;
            queue.clear();
            pending.clear();
            notifyAll();
        }
        onEnd.run();
    }

    private byte[] frame(String event, String id, Object data, Long retryMillis) {
        return SseFrames.frame(json, event, id, data, retryMillis);
    }
}
