package dev.memax.sdk.models;

import java.util.UUID;

/** {@code DELETE /v1/topics/{id}/memories/{memory_id}}: the placement is removed. */
public record TopicUnassigned(UUID topicId, UUID memoryId, boolean unassigned) {}
