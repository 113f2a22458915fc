package dev.memax.server.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.CommaList;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.scheduling.TaskExecutors;
import io.netty.channel.Channel;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens event streams: checks the request, decides where the stream starts (now, after a
 * position, or a {@code reset} when the position is gone) and catches a resumed stream up from
 * the table before it goes live.
 */
@Singleton
public class EventStreamService {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamService.class);
    private static final int PAGE = 200;
    private static final Set<String> TYPES =
            Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toUnmodifiableSet());
    private final AccessPolicy access;
    private final EventRepository repository;
    private final EventBus bus;
    private final ReadableHubs readable;
    private final EventSettings settings;
    private final ObjectMapper json;
    private final ExecutorService executor;

    public EventStreamService(
            AccessPolicy access,
            EventRepository repository,
            EventBus bus,
            ReadableHubs readable,
            EventSettings settings,
            ObjectMapper json,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.access = access;
        this.repository = repository;
        this.bus = bus;
        this.readable = readable;
        this.settings = settings;
        this.json = json;
        this.executor = executor;
    }

    /**
     * @param hubId    only this hub's events ({@code not_found} unless readable now)
     * @param types    comma-separated event types, or null for all
     * @param position {@code Last-Event-ID} or {@code after}: resume after it; null starts now
     * @param channel  the request's connection (see {@link EventStream})
     */
    public CloseableByteBody open(Caller caller, String hubId, String types, String position, Channel channel) {
        List<UUID> readableHubs = access.readableHubIds(caller);
        UUID hub = null;
        if (hubId != null && !hubId.isBlank()) {
            hub = access.authorize(caller, hubId.trim(), HubAction.READ).hub().id();
        }
        Set<String> typeFilter = parseTypes(types);
        EventStream stream = new EventStream(
                caller, hub, typeFilter, readable, json, settings.streamBuffer(), EventStream.WINDOW, channel);
        // Registered before the position is read: whatever is published from here on reaches it.
        bus.register(stream);
        try {
            long latest = repository.latest();
            Long resumeAfter = parsePosition(position);
            boolean catchUp = false;
            Long resetTo = null;
            long start = latest;
            if (resumeAfter != null) {
                long oldest = repository.oldest();
                boolean expired = oldest > 0 && resumeAfter < oldest - 1;
                if (resumeAfter > latest || resumeAfter < 0 || expired) {
                    resetTo = latest;
                } else {
                    start = resumeAfter;
                    catchUp = start < latest;
                }
            } else if (position != null && !position.isBlank()) {
                resetTo = latest;
            }
            if (stream.start(start, catchUp, hub == null ? readableHubs : List.of(hub), resetTo)) {
                executor.execute(() -> catchUp(stream));
            }
        } catch (RuntimeException e) {
            bus.unregister(stream);
            throw e;
        }
        // A client that does not read even the last frame is cut off a little later.
        return stream.body(() -> bus.unregister(stream), () -> bus.abortLater(stream));
    }

    /** Delivers from the table what the stream missed, page by page as the client reads, then goes live. */
    private void catchUp(EventStream stream) {
        try {
            while (!stream.done()) {
                long waitedSince = System.nanoTime();
                synchronized (stream) {
                    while (!stream.hasRoomFor(PAGE)) {
                        if (System.nanoTime() - waitedSince > 30_000_000_000L) {
                            stream.close(
                                    "slow_consumer", "The client read too slowly: resume from last_event_id", null);
                            return;
                        }
                        stream.wait(100);
                    }
                }
                List<PublishedEvent> page = repository.after(stream.lastSeq(), Long.MAX_VALUE, PAGE);
                if (!stream.deliverBacklog(page)) {
                    return;
                }
                if (page.size() < PAGE && stream.finishCatchUp()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Events: catching a stream up failed: {}", e.toString());
            stream.close(
                    "error",
                    "The server failed to read missed events: resume from last_event_id",
                    settings.retryHint().toMillis());
        }
    }

    private static Set<String> parseTypes(String types) {
        if (types == null || types.isBlank()) {
            return null;
        }
        Set<String> parsed = new LinkedHashSet<>();
        for (String name : CommaList.items(types)) {
            if (!TYPES.contains(name)) {
                throw ApiException.invalidField(
                        "types",
                        "unknown event type '" + name + "'; known: "
                                + String.join(", ", TYPES.stream().sorted().toList()));
            }
            parsed.add(name);
        }
        return parsed.isEmpty() ? null : parsed;
    }

    /** A position as a number; null when absent or not one of ours (the stream then resets). */
    private static Long parsePosition(String position) {
        if (position == null || position.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(position.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
