package dev.memax.server.event;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.memax.server.identity.HubRepository;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.UUID;

/**
 * Which hubs each streaming user is a member of, cached briefly: streams decide on every event
 * whether its hub is readable at delivery time, and this keeps that decision from costing a
 * query per event. Membership events drop the entries they may change; the TTL bounds
 * staleness for changes that emit none.
 */
@Singleton
public class ReadableHubs {
    private final LoadingCache<UUID, Set<UUID>> cache;

    public ReadableHubs(HubRepository hubs, EventSettings settings) {
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(settings.accessTtl())
                .build(userId -> Set.copyOf(hubs.memberHubIds(userId)));
    }

    /** The hubs the user is a member of now (within the TTL). */
    public Set<UUID> of(UUID userId) {
        return cache.get(userId);
    }

    /** Forgets what an event may have changed, before the event itself is delivered. */
    void invalidate(PublishedEvent event) {
        if (EventType.MEMBERS_CHANGED.wireName().equals(event.type())) {
            // Whoever was a member may have left; the member it names (or the actor) may have joined.
            cache.asMap().values().removeIf(hubs -> hubs.contains(event.hubId()));
            forget(event.entityId());
            forget(event.actorId());
        } else if (EventType.HUB_LIST_CHANGED.wireName().equals(event.type())) {
            forget(event.userId());
            if (event.hubId() != null) {
                cache.asMap().values().removeIf(hubs -> hubs.contains(event.hubId()));
            }
        }
    }

    /** Drops a user's entry once no stream of it remains. */
    void forget(UUID userId) {
        if (userId != null) {
            cache.invalidate(userId);
        }
    }
}
