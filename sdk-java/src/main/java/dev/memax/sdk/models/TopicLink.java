package dev.memax.sdk.models;

import java.time.Instant;
import java.util.UUID;

/**
 * A memory's placement in a topic.
 *
 * @param confidence     0-1
 * @param placedByUserId the person who placed it; null when a dream run did
 * @param placedByRunId  the dream run that placed it; null when a person did
 */
public record TopicLink(
        UUID topicId, UUID memoryId, double confidence, UUID placedByUserId, UUID placedByRunId, Instant placedAt) {}
