package dev.memax.server.memory;

import java.time.Instant;
import java.util.UUID;

/**
 * How memory writes keep a memory's topic links in step with {@code memories.topic_id}, its primary
 * topic (docs/architecture.md §5.13). The topic capability, above this one, implements it; every
 * call runs inside the memory write's transaction.
 */
public interface TopicPlacement {
    /** {@code validation_failed} on {@code topic_id} unless the topic is an active topic of the hub. */
    void requirePlaceable(UUID hubId, UUID topicId);

    /**
     * A person set the memory's primary topic (push, patch): the link to {@code from} goes, the
     * memory is placed in {@code to} by {@code userId}; other links stay. Without {@code to}, another
     * topic the memory sits in becomes primary.
     */
    void primaryChanged(UUID memoryId, UUID from, UUID to, UUID userId, Instant now);

    /** {@code batch-move}: the person's placement replaces every link of the memory (none without a topic). */
    void replaced(UUID memoryId, UUID topicId, UUID userId, Instant now);
}
