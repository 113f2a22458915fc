package dev.memax.sdk.models;

import java.util.UUID;

/** {@code DELETE /v1/topics/{id}}: the topic and its subtree ({@code deletedCount} topics) are gone; their memories stay. */
public record TopicDeleted(UUID id, boolean deleted, int deletedCount) {}
