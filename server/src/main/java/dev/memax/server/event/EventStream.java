package dev.memax.server.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.SseFrames;
import io.micronaut.buffer.netty.NettyReadBufferFactory;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.body.stream.BodySizeLimits;
import io.micronaut.http.body.stream.BufferConsumer;
import io.micronaut.http.netty.body.NettyByteBodyFactory;
import io.micronaut.http.netty.body.StreamingNettyByteBody;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One open {@code GET /v1/events/stream}: its filters, its position ({@link #lastSeq}) and a
 * bounded buffer of SSE frames for the client. While it catches up from the table (a resumed
 * position) the live events the bus hands it wait in {@code pending}; afterwards each live event
 * is checked against the caller's access at that moment and dropped when at or below the
 * position, so nothing is sent twice or out of order.
 *
 * <p>Frames are written by {@link SseFrames} and handed to the connection as a Micronaut
 * streaming body fed directly on the connection's event loop: no reactive stream per frame.
 * Micronaut reports the bytes the socket took ({@link #onBytesConsumed}); at most {@code window}
 * bytes wait in Netty, the rest in the bounded {@code queue}. Micronaut marks these body types
 * internal: EventStreamTest reads a stream the way Micronaut's HTTP/1 writer does, so an upgrade
 * that changes them fails there.
 */
final class EventStream implements BufferConsumer.Upstream {
    /** Names of the stream's own events (beside the {@link EventType}s). */
    static final String READY = "ready";

    static final String PING = "ping";
    static final String RESET = "reset";
    static final String CLOSE = "close";
    /** Bytes in flight to a connection before frames wait in the stream's own buffer (Netty's default high-water mark). */
    static final long WINDOW = 64 * 1024;

    private final Caller caller;
    private final UUID hubFilter;
    private final Set<String> types;
    private final ReadableHubs readable;
    private final ObjectMapper json;
    private final int capacity;
    private final long window;
    private final Channel channel;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final List<PublishedEvent> pending = new ArrayList<>();
    /** The response body's buffer; Micronaut writes what is added to it. Event loop only. */
    private StreamingNettyByteBody.SharedBuffer out;

    private NettyReadBufferFactory buffers;
    /** Set once Micronaut has written the headers and takes body bytes. */
    private boolean started;
    /** Bytes handed to {@code out} that the socket has not taken yet. */
    private long unconsumed;

    private boolean draining;
    private boolean drainScheduled;
    private long lastSeq;
    /** True until {@link #start} (events offered before the position is known wait in {@code pending}) and while catching up. */
    private boolean catchingUp = true;

    private boolean pendingOverflowed;
    private boolean completing;
    private boolean done;
    private Runnable onEnd = () -> {};
    private Runnable onClosing = () -> {};

    /**
     * @param capacity frames the stream may hold for the client beyond the {@code window}
     * @param window   bytes handed to the connection that the socket has not taken yet, at most
     * @param channel  the stream's connection: the bus hands live events to its event loop, where
     *                 they are written without a further hand-off
     */
    EventStream(
            Caller caller,
            UUID hubFilter,
            Set<String> types,
            ReadableHubs readable,
            ObjectMapper json,
            int capacity,
            long window,
            Channel channel) {
        this.caller = caller;
        this.channel = channel;
        this.hubFilter = hubFilter;
        this.types = types;
        this.readable = readable;
        this.json = json;
        this.capacity = capacity;
        this.window = window;
    }

    /** The response body; the stream ends when it completes or the connection closes. */
    synchronized CloseableByteBody body(Runnable onEnd, Runnable onClosing) {
        this.onEnd = onEnd;
        this.onClosing = onClosing;
        NettyByteBodyFactory factory = new NettyByteBodyFactory(channel);
        buffers = factory.readBufferFactory();
        out = factory.createStreamingBuffer(BodySizeLimits.UNLIMITED, this);
        channel.closeFuture().addListener(closed -> ended());
        return new StreamingNettyByteBody(out);
    }

    Caller caller() {
        return caller;
    }

    EventLoop connectionLoop() {
        return channel.eventLoop();
    }

    /** Micronaut wrote the headers: frames may follow. */
    @Override
    public synchronized void start() {
        started = true;
        drain();
    }

    /** The socket took {@code bytes} of what was handed over: room for more. */
    @Override
    public synchronized void onBytesConsumed(long bytes) {
        unconsumed -= bytes;
        drain();
    }

    /** Micronaut dropped the response (the connection failed or closed). */
    @Override
    public void allowDiscard() {
        ended();
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
        queue.add(frame(
                READY,
                null,
                Map.of(
                        "user_id",
                        caller.userId().toString(),
                        "hub_ids",
                        hubIds.stream().map(UUID::toString).toList()),
                null));
        if (resetTo != null) {
            queue.add(frame(
                    RESET,
                    Long.toString(resetTo),
                    Map.of(
                            "reason",
                            "position_expired",
                            "message",
                            "Events after the position asked for are no longer available: re-read the state you mirror",
                            "id",
                            resetTo),
                    null));
        }
        if (catchUp || pendingOverflowed) {
            return true;
        }
        goLive();
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
        if (event.seq() > lastSeq && (!visible || enqueue(frame))) {
            lastSeq = event.seq();
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
        goLive();
        return true;
    }

    /** From here on live events go out as they come; the ones that waited go first. */
    private void goLive() {
        catchingUp = false;
        for (PublishedEvent event : pending) {
            deliver(event);
        }
        pending.clear();
    }

    synchronized void ping() {
        if (!done && !completing && !catchingUp) {
            enqueue(frame(PING, null, Map.of("ts", Now.instant().toString()), null));
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
        if (!done) {
            channel.close();
        }
    }

    /** An event from the table (catch-up), or a live one that waited in {@code pending}. */
    private void deliver(PublishedEvent event) {
        if (event.seq() > lastSeq && (!visible(event) || enqueue(frameOf(event, json)))) {
            lastSeq = event.seq();
        }
    }

    /** The SSE frame of a change event. */
    static byte[] frameOf(PublishedEvent event, ObjectMapper json) {
        return SseFrames.frame(json, event.type(), Long.toString(event.seq()), event.data(json), null);
    }

    /** Whether the caller may see the event now (filters, then access at delivery time). */
    boolean visible(PublishedEvent event) {
        return visible(event, () -> readable.of(caller.userId()).contains(event.hubId()));
    }

    /** The same, with whether the caller is a member of the event's hub answered by {@code member}. */
    boolean visible(PublishedEvent event, BooleanSupplier member) {
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
        return caller.mayReach(event.hubId()) && member.getAsBoolean();
    }

    /**
     * Queues a frame; when the buffer is full the stream closes instead (its {@code last_event_id}
     * is then the last event queued) and this returns false.
     */
    private boolean enqueue(byte[] frame) {
        if (queue.size() >= capacity) {
            close("slow_consumer", "The client read too slowly: resume from last_event_id", null);
            return false;
        }
        queue.add(frame);
        drain();
        return true;
    }

    /**
     * Hands queued frames to the connection while the window has room, on the connection's event
     * loop (other threads schedule it there); completes the body after the last one when closing.
     */
    private synchronized void drain() {
        if (out == null || !started || done || draining) {
            return;
        }
        if (!channel.eventLoop().inEventLoop()) {
            if (!drainScheduled) {
                drainScheduled = true;
                channel.eventLoop().execute(this::scheduledDrain);
            }
            return;
        }
        // Adding may write at once and report the bytes back (onBytesConsumed) within this loop.
        draining = true;
        try {
            while (!queue.isEmpty() && unconsumed < window) {
                byte[] frame = queue.poll();
                unconsumed += frame.length;
                out.add(buffers.adapt(frame));
            }
        } finally {
            draining = false;
        }
        if (completing && queue.isEmpty()) {
            out.complete();
            ended();
        }
        notifyAll();
    }

    private synchronized void scheduledDrain() {
        drainScheduled = false;
        drain();
    }

    private void ended() {
        synchronized (this) {
            if (done) {
                return;
            }
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
