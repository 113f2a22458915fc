package dev.memax.server.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.platform.DeploymentIdentity;
import dev.memax.server.platform.ServerSecrets;
import dev.memax.server.redis.RedisConnections;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.netty.channel.EventLoop;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's side of event delivery. The relay (on whichever instance leads) publishes
 * to Redis, and every instance's bus receives from there; the relay's own bus gets its events
 * at once. The bus dispatches on one thread, strictly in seq order and without gaps, and a
 * periodic tail of the table brings what no message announced.
 *
 * <p>Redis may be shared with other deployments (a benchmark, staging, a restored copy of this
 * database), so a message moves nothing unless it is ours: it travels on this deployment's
 * channel, names the deployment, is signed with a secret of this database, and names the relay
 * this database says is current. Even then only the next position is taken from a message; one
 * further ahead pulls everything up to it from the table, so the position never passes what the
 * table holds. Positions the table never holds (a relay that failed mid-batch) are skipped.
 */
@Singleton
public class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final int PAGE = 500;
    private static final String SIGNING_SECRET = "event_message_hmac";
    /**
     * A lag above this many events at this many tails in a row is a fault (Redis not bringing
     * events): far above what is merely in flight between a commit and its message.
     */
    private static final long LAG_LIMIT = 100;

    private static final int LAGGING_TAILS = 3;
    private final EventRepository repository;
    private final RedisConnections redis;
    private final ReadableHubs readable;
    private final EventSettings settings;
    private final ObjectMapper json;
    private final DeploymentIdentity deployment;
    private final ServerSecrets secrets;
    private final MeterRegistry meters;
    /** The open streams by the event loop of their connection, where their frames are written. */
    private final Map<EventLoop, Set<EventStream>> streamsByLoop = new ConcurrentHashMap<>();
    /** How many streams each user has open here: the users whose membership an event may need. */
    private final Map<UUID, Integer> streamsPerUser = new ConcurrentHashMap<>();

    private final ScheduledExecutorService dispatcher =
            Executors.newSingleThreadScheduledExecutor(daemon("event-dispatch"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("event-timers"));
    /** Set once subscribed (Lettuce then re-subscribes after reconnections); retried by the tail until then. */
    private volatile StatefulRedisPubSubConnection<String, String> subscription;

    private volatile long lastSubscribeAttempt;
    /** The highest position dispatched. Written by the dispatcher thread only. */
    private volatile long dispatched = -1;
    /** The table's latest position when the tail last looked, and how far behind it the bus was then. */
    private volatile long tableLatest = -1;

    private volatile long lag;
    private volatile int laggingTails;
    /** The relay whose messages are accepted, and recent ones this database disowned. Dispatcher thread only. */
    private String currentRelay;

    private final Set<String> disownedRelays = new java.util.LinkedHashSet<>();

    public EventBus(
            EventRepository repository,
            RedisConnections redis,
            ReadableHubs readable,
            EventSettings settings,
            ObjectMapper json,
            MeterRegistry meters,
            DeploymentIdentity deployment,
            ServerSecrets secrets) {
        this.repository = repository;
        this.redis = redis;
        this.readable = readable;
        this.settings = settings;
        this.json = json;
        this.deployment = deployment;
        this.secrets = secrets;
        this.meters = meters;
        Gauge.builder("memax.events.streams", this, EventBus::openStreams)
                .description("Event streams (GET /v1/events/stream) open on this instance")
                .register(meters);
        Gauge.builder("memax.events.lag", this, bus -> bus.lag)
                .description("Events the table held that this instance had not dispatched when its tail last looked")
                .register(meters);
    }

    /** The Redis channel of this deployment's events. */
    String channel() {
        return settings.channel() + ":" + deployment.id();
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
        timers.scheduleAtFixedRate(
                () -> streamsByLoop.forEach((loop, streams) -> loop.execute(() -> streams.forEach(EventStream::ping))),
                heartbeat,
                heartbeat,
                TimeUnit.MILLISECONDS);
    }

    private void subscribe() {
        lastSubscribeAttempt = System.nanoTime();
        StatefulRedisPubSubConnection<String, String> connection = null;
        try {
            connection = redis.connectPubSub();
            String channel = channel();
            secrets.sign(SIGNING_SECRET, new byte[0]); // loads the key here, not on Lettuce's thread
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received(message);
                }
            });
            connection.sync().subscribe(channel);
            subscription = connection;
        } catch (RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            // Streams still get events from the table tail meanwhile; the outage is logged once, by RedisConnections.
            redis.failed(e);
            LOG.debug("Events: subscribing to Redis failed ({}); relying on the table tail", e.toString());
        }
    }

    /**
     * The relay's newly published events, in seq order. This instance's streams get them at once;
     * the others through Redis. The echo Redis brings back is dropped by position in dispatch.
     */
    void publish(String relayId, List<PublishedEvent> events) {
        dispatcher.execute(() -> {
            currentRelay = relayId;
            dispatch(events);
        });
        if (redis.configured()) {
            try {
                var commands = redis.connection().sync();
                String channel = channel();
                for (PublishedEvent event : events) {
                    commands.publish(channel, message(relayId, event));
                }
            } catch (RuntimeException e) {
                redis.failed(e);
                LOG.debug(
                        "Events: publishing to Redis failed ({}); other instances will read them from the table",
                        e.toString());
            }
        }
    }

    /**
     * A Redis message: {@code <hex HMAC-SHA256>.<json>}, the JSON naming the deployment and the
     * relay beside the event's fields.
     */
    String message(String relayId, PublishedEvent event) {
        ObjectNode body = event.toWire(json);
        body.put("deployment", deployment.id());
        body.put("relay", relayId);
        String text = body.toString();
        return HexFormat.of().formatHex(secrets.sign(SIGNING_SECRET, text.getBytes(StandardCharsets.UTF_8))) + "."
                + text;
    }

    /** On Lettuce's thread: checks what needs no database, then queues the event for dispatch. */
    void received(String message) {
        int dot = message.indexOf('.');
        JsonNode body;
        try {
            body = json.readTree(message.substring(dot + 1));
        } catch (java.io.IOException | RuntimeException e) {
            ignored("malformed");
            return;
        }
        if (!deployment.id().equals(body.path("deployment").asText())) {
            ignored("deployment");
            return;
        }
        byte[] expected =
                secrets.sign(SIGNING_SECRET, message.substring(dot + 1).getBytes(StandardCharsets.UTF_8));
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(message.substring(0, Math.max(dot, 0)));
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, signature)) {
            ignored("signature");
            return;
        }
        PublishedEvent event;
        try {
            event = PublishedEvent.fromWire(body);
        } catch (RuntimeException e) {
            ignored("malformed");
            return;
        }
        String relay = body.path("relay").asText();
        dispatcher.execute(() -> {
            try {
                if (fromCurrentRelay(relay)) {
                    dispatchReceived(event);
                } else {
                    ignored("relay");
                }
            } catch (RuntimeException e) {
                // The tail brings from the table what this message announced.
                LOG.debug("Events: a received event waits for the tail: {}", e.toString());
            }
        });
    }

    /** Whether this database names {@code relay} as its relay now (asked once per new relay). */
    private boolean fromCurrentRelay(String relay) {
        if (relay.equals(currentRelay)) {
            return true;
        }
        if (disownedRelays.contains(relay)) {
            return false;
        }
        if (relay.equals(repository.currentRelay())) {
            currentRelay = relay;
            return true;
        }
        if (disownedRelays.size() >= 64) {
            disownedRelays.remove(disownedRelays.iterator().next());
        }
        disownedRelays.add(relay);
        return false;
    }

    private void ignored(String reason) {
        Counter.builder("memax.events.ignored")
                .tag("reason", reason)
                .description("Redis messages not taken as this deployment's events")
                .register(meters)
                .increment();
        LOG.debug("Events: ignored a message on the channel ({})", reason);
    }

    /** Reads what was published after the last dispatched position, and measures how far behind the bus was. */
    private void tail() {
        if (redis.configured()
                && subscription == null
                && System.nanoTime() - lastSubscribeAttempt > TimeUnit.SECONDS.toNanos(10)) {
            subscribe();
        }
        try {
            long latest = repository.latest();
            start(latest);
            if (dispatched > latest) {
                // Only a table set back under a running server (a restore) gets here.
                LOG.warn(
                        "Events: position {} is past the table's latest {}; continuing from the table",
                        dispatched,
                        latest);
                dispatched = latest;
            }
            tableLatest = latest;
            lag = latest - dispatched;
            int lagging = lag > LAG_LIMIT ? laggingTails + 1 : 0;
            if (lagging == LAGGING_TAILS) {
                LOG.warn(
                        "Events: {} events behind the table; they reach this instance only through the table tail",
                        lag);
            } else if (lagging == 0 && laggingTails >= LAGGING_TAILS) {
                LOG.info("Events: caught up with the table again");
            }
            laggingTails = lagging;
            fill(latest);
        } catch (RuntimeException e) {
            LOG.warn("Events: reading the table failed: {}", e.toString());
        }
    }

    /** The relay's own events, from the table: trusted. Dispatcher thread only. */
    private void dispatch(List<PublishedEvent> events) {
        start(-1);
        for (PublishedEvent event : events) {
            if (event.seq() > dispatched + 1) {
                fill(event.seq() - 1);
            }
            deliver(event);
        }
    }

    /**
     * An event another instance relayed. Only the next position is taken from the message;
     * a later one is read, with what lies before it, from the table. Dispatcher thread only.
     */
    private void dispatchReceived(PublishedEvent event) {
        start(-1);
        if (event.seq() == dispatched + 1) {
            deliver(event);
        } else if (event.seq() > dispatched) {
            fill(event.seq());
        }
    }

    /** Takes the table's latest position as the start on first use (streams resume from the table before it). */
    private void start(long latest) {
        if (dispatched < 0) {
            dispatched = latest >= 0 ? latest : repository.latest();
        }
    }

    /**
     * Dispatches from the table everything after the last dispatched position up to {@code upTo}.
     * The position moves only to events the table holds.
     */
    private void fill(long upTo) {
        while (dispatched < upTo) {
            List<PublishedEvent> page = repository.after(dispatched, upTo, PAGE);
            page.forEach(this::deliver);
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /**
     * The bus's state for {@code /health/ready}: its position, the table's latest when the tail
     * last looked, the lag then, and whether the lag has lasted.
     */
    DeliveryState state() {
        return new DeliveryState(
                dispatched, tableLatest, lag, laggingTails >= LAGGING_TAILS, redis.configured(), subscription != null);
    }

    record DeliveryState(
            long position, long tableLatest, long lag, boolean lagging, boolean redisConfigured, boolean subscribed) {}

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
        stream.close(
                "error",
                "The server failed to deliver an event: resume from last_event_id",
                settings.retryHint().toMillis());
    }

    /** Adds a stream that will receive every event dispatched from now on. */
    void register(EventStream stream) {
        streamsPerUser.merge(stream.caller().userId(), 1, Integer::sum);
        streamsByLoop
                .computeIfAbsent(stream.connectionLoop(), loop -> ConcurrentHashMap.newKeySet())
                .add(stream);
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
        streamsByLoop
                .values()
                .forEach(streams -> streams.forEach(stream ->
                        stream.close(reason, message, settings.retryHint().toMillis())));
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
