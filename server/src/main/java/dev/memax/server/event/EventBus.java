package dev.memax.server.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.redis.RedisConnections;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.netty.channel.EventLoop;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This instance's side of event delivery. The relay (on whichever instance leads) publishes
 * to Redis, and every instance's bus receives from there; without Redis the relay hands events
 * to its own bus. The bus dispatches on one thread, strictly in seq order and without gaps:
 * an event further ahead than the next position first pulls what lies between from the table
 * (a message Redis lost), and a periodic tail of the table brings what no message announced.
 * Positions the table never holds (a relay that failed mid-batch) are simply skipped.
 */
@Singleton
public class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final int PAGE = 500;
    private final EventRepository repository;
    private final RedisConnections redis;
    private final ReadableHubs readable;
    private final EventSettings settings;
    private final ObjectMapper json;
    /** The open streams by the event loop of their connection, where their frames are written. */
    private final Map<EventLoop, Set<EventStream>> streamsByLoop = new ConcurrentHashMap<>();
    /** How many streams each user has open here: the users whose membership an event may need. */
    private final Map<UUID, Integer> streamsPerUser = new ConcurrentHashMap<>();
    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor(daemon("event-dispatch"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("event-timers"));
    /** Set once subscribed (Lettuce then re-subscribes after reconnections); retried by the tail until then. */
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile long lastSubscribeAttempt;
    /** The highest position dispatched. Dispatcher thread only. */
    private long dispatched = -1;

    public EventBus(EventRepository repository, RedisConnections redis, ReadableHubs readable,
                    EventSettings settings, ObjectMapper json, MeterRegistry meters) {
        this.repository = repository;
        this.redis = redis;
        this.readable = readable;
        this.settings = settings;
        this.json = json;
        Gauge.builder("memax.events.streams", this, EventBus::openStreams)
                .description("Event streams (GET /v1/events/stream) open on this instance")
                .register(meters);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (redis.configured()) {
            // Off the startup thread: an unreachable Redis must not hold the server's start.
            dispatcher.execute(this::subscribe);
        }
        long tail = settings.tailInterval().toMillis();
        dispatcher.scheduleWithFixedDelay(this::tail, 0, tail, TimeUnit.MILLISECONDS);
        long heartbeat = settings.heartbeat().toMillis();
        // Like events: one task per loop, so each ping is written where it is made.
        timers.scheduleAtFixedRate(() -> streamsByLoop.forEach(
                (loop, streams) -> loop.execute(() -> streams.forEach(EventStream::ping))), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    private void subscribe() {
        lastSubscribeAttempt = System.nanoTime();
        StatefulRedisPubSubConnection<String, String> connection = null;
        try {
            connection = redis.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    try {
                        PublishedEvent received = PublishedEvent.fromWire(json, message);
                        dispatcher.execute(() -> dispatch(List.of(received)));
                    } catch (java.io.IOException | RuntimeException e) {
                        LOG.warn("Ignoring a malformed event message: {}", e.toString());
                    }
                }
            });
            connection.sync().subscribe(settings.channel());
            subscription = connection;
        } catch (RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            // Streams still get events from the table tail meanwhile.
            LOG.warn("Events: subscribing to Redis failed ({}); relying on the table tail", e.toString());
        }
    }

    /**
     * The relay's newly published events, in seq order. This instance's streams get them at once;
     * the others through Redis. The echo Redis brings back is dropped by position in dispatch.
     */
    void publish(List<PublishedEvent> events) {
        dispatcher.execute(() -> dispatch(events));
        if (redis.configured()) {
            try {
                var commands = redis.connection().sync();
                for (PublishedEvent event : events) {
                    commands.publish(settings.channel(), event.toWire(json));
                }
            } catch (RuntimeException e) {
                LOG.warn("Events: publishing to Redis failed ({}); other instances will read them from the table", e.toString());
            }
        }
    }

    /** Reads what was published after the last dispatched position. */
    private void tail() {
        if (redis.configured() && subscription == null
                && System.nanoTime() - lastSubscribeAttempt > TimeUnit.SECONDS.toNanos(10)) {
            subscribe();
        }
        try {
            dispatch(List.of());
        } catch (RuntimeException e) {
            LOG.warn("Events: reading the table failed: {}", e.toString());
        }
    }

    /** Dispatcher thread only. */
    private void dispatch(List<PublishedEvent> events) {
        if (dispatched < 0) {
            dispatched = repository.latest();
        }
        long upTo = events.isEmpty() ? Long.MAX_VALUE : events.get(events.size() - 1).seq();
        for (PublishedEvent event : events) {
            if (event.seq() > dispatched + 1) {
                fill(event.seq() - 1);
            }
            deliver(event);
        }
        if (events.isEmpty()) {
            fill(upTo);
        }
    }

    /** Dispatches from the table everything after the last dispatched position up to {@code upTo}. */
    private void fill(long upTo) {
        while (dispatched < upTo) {
            List<PublishedEvent> page = repository.after(dispatched, upTo, PAGE);
            page.forEach(this::deliver);
            if (page.size() < PAGE) {
                if (upTo != Long.MAX_VALUE) {
                    dispatched = Math.max(dispatched, upTo);
                }
                return;
            }
        }
    }

    /**
     * Hands the event to every stream: one task per event loop, which offers it to the streams
     * whose connection that loop serves, so each frame is written at once instead of queueing a
     * task (and a wake-up) per stream. Whether a user is a member of the event's hub may need the
     * database, which an event loop must not wait for: it is settled here, once per user with
     * streams, and the loops apply each stream's own filters.
     */
    private void deliver(PublishedEvent event) {
        if (event.seq() <= dispatched) {
            return;
        }
        dispatched = event.seq();
        readable.invalidate(event);
        byte[] frame = EventStream.frameOf(event, json);
        Map<UUID, Boolean> members = new HashMap<>();
        Map<UUID, RuntimeException> failures = new HashMap<>();
        if (event.userId() == null) {
            for (UUID user : streamsPerUser.keySet()) {
                try {
                    members.put(user, readable.of(user).contains(event.hubId()));
                } catch (RuntimeException e) {
                    failures.put(user, e);
                }
            }
        }
        streamsByLoop.forEach((loop, streams) -> loop.execute(() -> {
            for (EventStream stream : streams) {
                UUID user = stream.caller().userId();
                RuntimeException lookupFailed = failures.get(user);
                try {
                    if (lookupFailed != null) {
                        failed(stream, lookupFailed);
                    } else {
                        // A user missing here registered after the lookup, so its stream started at a
                        // position past this event and drops it whatever it is told.
                        stream.offer(event, frame, stream.visible(event, () -> members.getOrDefault(user, false)));
                    }
                } catch (RuntimeException e) {
                    failed(stream, e);
                }
            }
        }));
    }

    private void failed(EventStream stream, RuntimeException e) {
        LOG.warn("Events: delivering to a stream failed: {}", e.toString());
        stream.close("error", "The server failed to deliver an event: resume from last_event_id", settings.retryHint().toMillis());
    }

    /** Adds a stream that will receive every event dispatched from now on. */
    void register(EventStream stream) {
        streamsPerUser.merge(stream.caller().userId(), 1, Integer::sum);
        streamsByLoop.computeIfAbsent(stream.connectionLoop(), loop -> ConcurrentHashMap.newKeySet()).add(stream);
    }

    void unregister(EventStream stream) {
        Set<EventStream> onLoop = streamsByLoop.get(stream.connectionLoop());
        if (onLoop == null || !onLoop.remove(stream)) {
            return;
        }
        UUID user = stream.caller().userId();
        if (streamsPerUser.computeIfPresent(user, (id, count) -> count == 1 ? null : count - 1) == null) {
            readable.forget(user);
        }
    }

    /** Schedules the end of a stream that does not read its last frame. */
    void abortLater(EventStream stream) {
        timers.schedule(stream::abort, 10, TimeUnit.SECONDS);
    }

    /** Before the server stops: every stream ends with a {@code retry:} hint, so clients come back elsewhere. */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        closeAll("shutdown", "The server is restarting: reconnect and resume from last_event_id");
        // Give the last frames a moment to leave before the server closes the connections.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (openStreams() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Ends every open stream with a {@code close} event and the {@code retry:} hint. */
    void closeAll(String reason, String message) {
        streamsByLoop.values().forEach(streams -> streams.forEach(
                stream -> stream.close(reason, message, settings.retryHint().toMillis())));
    }

    private int openStreams() {
        return streamsByLoop.values().stream().mapToInt(Set::size).sum();
    }

    @PreDestroy
    void stop() {
        dispatcher.shutdownNow();
        timers.shutdownNow();
        if (subscription != null) {
            subscription.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
