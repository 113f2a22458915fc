package dev.memax.server.topic;

import dev.memax.server.memory.TopicPlacement;
import dev.memax.server.platform.ApiException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person's placements through the memory routes ({@code PATCH topic_id}, {@code batch-move}): each
 * is a link placed by that person with full confidence, so the link table and {@code memories.topic_id}
 * never disagree (docs/architecture.md §5.13).
 */
@Singleton
public class TopicPlacements implements TopicPlacement {
    /** A person's own placement is certain. */
    private static final double PLACED_BY_PERSON = 1.0;

    private final TopicRepository topics;

    public TopicPlacements(TopicRepository topics) {
        this.topics = topics;
    }

    @Override
    public void requirePlaceable(UUID hubId, UUID topicId) {
        if (topics.find(topicId)
                .filter(t -> t.hubId().equals(hubId) && !t.archived())
                .isEmpty()) {
            throw ApiException.invalidField("topic_id", "must be an active topic of the memory's hub");
        }
    }

    @Override
    public void primaryChanged(UUID memoryId, UUID from, UUID to, UUID userId, Instant now) {
        if (from != null) {
            topics.unlink(from, memoryId);
        }
        if (to != null) {
            topics.place(to, memoryId, PLACED_BY_PERSON, userId, null, now);
        } else {
            topics.repointPrimary(List.of(), memoryId);
        }
    }

    @Override
    public void replaced(UUID memoryId, UUID topicId, UUID userId, Instant now) {
        topics.unlinkAllBut(memoryId, topicId);
        if (topicId != null) {
            topics.place(topicId, memoryId, PLACED_BY_PERSON, userId, null, now);
        }
    }
}
