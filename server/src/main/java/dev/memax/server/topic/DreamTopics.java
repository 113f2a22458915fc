package dev.memax.server.topic;

import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import dev.memax.server.platform.Ids;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A dream run's placements of memories in topics, and their undo (docs/architecture.md §5.13,
 * §5.15 phase 5). Every call runs inside the caller's transaction, under the hub's tree lock. A
 * run's link never replaces a person's, and a memory already in a topic is not placed again: a
 * dream only organises what sits in no topic.
 */
@Singleton
public class DreamTopics {
    private final TopicRepository topics;
    private final EventOutbox events;

    public DreamTopics(TopicRepository topics, EventOutbox events) {
        this.topics = topics;
        this.events = events;
    }

    /** An active topic of the hub, as a dream reads it. */
    public record Named(UUID id, String name) {}

    /**
     * What a placement made: the topic (created by it when {@code createdTopic}) and the memories
     * it put there (those still active and in no topic when it ran).
     */
    public record Placed(UUID topicId, boolean createdTopic, List<UUID> memoryIds) {}

    /** The hub's active topics. */
    public List<Named> active(UUID hubId) {
        return topics.list(hubId, false).stream()
                .map(t -> new Named(t.id(), t.name()))
                .toList();
    }

    /**
     * Places the memories in the topic ({@code topicId}), or in a new root topic named
     * {@code newName} owned by {@code ownerId} (an active root topic of that name is reused), with the
     * run as placer. Memories no longer active or already in a topic are left out; when none is
     * left, or the topic is gone or archived, nothing is written and the result holds no memories.
     */
    public Placed place(
            UUID hubId,
            UUID runId,
            UUID ownerId,
            UUID actorId,
            UUID topicId,
            String newName,
            List<UUID> memoryIds,
            double confidence,
            Instant now) {
        topics.lockTree(hubId);
        List<UUID> free = topics.inNoTopic(hubId, memoryIds);
        UUID target = topicId;
        boolean created = false;
        if (target == null) {
            target = topics.activeRootNamed(hubId, newName).orElse(null);
        } else if (topics.find(target)
                .filter(t -> t.hubId().equals(hubId) && !t.archived())
                .isEmpty()) {
            return new Placed(target, false, List.of());
        }
        if (free.isEmpty()) {
            return new Placed(target, false, List.of());
        }
        if (target == null) {
            target = Ids.newId();
            created = true;
            topics.insert(new Topic(
                    target,
                    ownerId,
                    hubId,
                    null,
                    newName,
                    "",
                    "",
                    topics.nextPosition(hubId, null),
                    false,
                    false,
                    now,
                    now,
                    null));
        }
        for (UUID memoryId : free) {
            topics.place(target, memoryId, confidence, null, runId, now);
            topics.setPrimaryIfNone(memoryId, target);
        }
        events.hub(
                EventType.TOPICS_CHANGED,
                hubId,
                actorId,
                target,
                Map.of("action", created ? "created" : "memories_assigned", "dream_run_id", runId));
        return new Placed(target, created, free);
    }

    /**
     * Undoes {@link #place}: removes the run's links of the memories to the topic (a person's link
     * made since stays), repoints their primary topic, and deletes the topic when the placement
     * created it and nothing else sits in it or under it.
     */
    public void unplace(UUID hubId, UUID runId, UUID actorId, Placed placed) {
        topics.lockTree(hubId);
        topics.unlinkRun(placed.topicId(), placed.memoryIds(), runId);
        for (UUID memoryId : placed.memoryIds()) {
            topics.repointPrimary(List.of(placed.topicId()), memoryId);
        }
        boolean deleted = placed.createdTopic() && topics.deleteIfEmpty(placed.topicId());
        events.hub(
                EventType.TOPICS_CHANGED,
                hubId,
                actorId,
                placed.topicId(),
                Map.of("action", deleted ? "deleted" : "memories_unassigned", "dream_run_id", runId));
    }
}
