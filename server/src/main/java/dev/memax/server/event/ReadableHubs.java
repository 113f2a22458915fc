package dev.memax.server.event;

import dev.memax.server.hub.HubRepository;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which hubs each streaming user is a member of, cached briefly: streams decide on every event
 * whether its hub is readable at delivery time, and this keeps that decision from costing a
 * query per event. Membership events drop the entries they may change; the TTL bounds
 * staleness for changes that emit none.
 */
@Singleton
public class ReadableHubs {
    private record Entry(Set<UUID> hubs, long loadedAt) {
    }

    private final HubRepository hubs;
    private final long ttlNanos;
    private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();

    public ReadableHubs(HubRepository hubs, EventSettings settings) {
        this.hubs = hubs;
        this.ttlNanos = settings.accessTtl().toNanos();
    }

    /** The hubs the user is a member of now (within the TTL). */
    public Set<UUID> of(UUID userId) {
        long now = System.nanoTime();
        Entry entry = cache.get(userId);
        if (entry == null || now - entry.loadedAt() > ttlNanos) {
            entry = new Entry(Set.copyOf(hubs.memberHubIds(userId)), now);
            cache.put(userId, entry);
        }
        return entry.hubs();
    }

    /** Forgets what an event may have changed, before the event itself is delivered. */
    void invalidate(PublishedEvent event) {
        if (EventType.MEMBERS_CHANGED.wireName().equals(event.type())) {
            // Whoever was a member may have left; the member it names (or the actor) may have joined.
            cache.values().removeIf(entry -> entry.hubs().contains(event.hubId()));
            forget(event.entityId());
            forget(event.actorId());
        } else if (EventType.HUB_LIST_CHANGED.wireName().equals(event.type())) {
            forget(event.userId());
            if (event.hubId() != null) {
                cache.values().removeIf(entry -> entry.hubs().contains(event.hubId()));
            }
        }
    }

    /** Drops a user's entry once no stream of it remains. */
    void forget(UUID userId) {
        if (userId != null) {
            cache.remove(userId);
        }
    }
}
