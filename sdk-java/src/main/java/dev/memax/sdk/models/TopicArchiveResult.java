package dev.memax.sdk.models;

import java.util.UUID;

/**
 * {@code POST /v1/topics/{id}/archive} or {@code /restore}: how many topics (it and its
 * descendants) changed; 0 when it already was in that state.
 *
 * @param archivedCount on archive; null on restore
 * @param restoredCount on restore; null on archive
 */
public record TopicArchiveResult(UUID topicId, Integer archivedCount, Integer restoredCount) {}
