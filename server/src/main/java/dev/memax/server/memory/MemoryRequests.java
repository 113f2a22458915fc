package dev.memax.server.memory;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import java.util.Map;

/**
 * Request bodies of the memory routes. Unknown fields are ignored (docs/architecture.md §5.12: existing
 * clients send {@code content_type}, {@code hint}, … which this API does not use); limits and
 * formats are checked by {@link MemoryInput}, so one request gets every invalid field at once.
 */
public final class MemoryRequests {
    private MemoryRequests() {}

    /**
     * POST /v1/memories, and each item of POST /v1/memories/batch.
     *
     * @param eventDates RFC 3339 timestamps (or dates) the memory is about
     * @param expiresAt  RFC 3339; or {@code expiresIn} ("7d", "12h", "30m"), not both
     * @param hubId      the target hub when no {@code X-Hub-ID} is sent
     */
    @Introspected
    public record CreateMemory(
            String content,
            String title,
            String summary,
            MemoryKind kind,
            Stability stability,
            List<String> tags,
            String source,
            String sourceAgent,
            String sourcePath,
            String sessionId,
            Map<String, Object> metadata,
            ProjectContext projectContext,
            List<String> eventDates,
            Boolean pinned,
            String expiresAt,
            String expiresIn,
            String hubId) {}

    /**
     * PATCH /v1/memories/{id}: absent fields stay as they are; {@code null} clears the nullable
     * ones (summary, source, source_agent, source_path, session_id, project_context, topic_id, expires_at).
     */
    @Introspected
    public record UpdateMemory(
            String content,
            String title,
            String summary,
            MemoryKind kind,
            Stability stability,
            List<String> tags,
            String source,
            String sourceAgent,
            String sourcePath,
            String sessionId,
            Map<String, Object> metadata,
            ProjectContext projectContext,
            List<String> eventDates,
            Boolean pinned,
            MemoryState state,
            String topicId,
            String expiresAt,
            String expiresIn) {}

    /** POST /v1/memories/batch. */
    @Introspected
    public record CreateBatch(List<CreateMemory> memories) {}

    /** POST /v1/memories/batch-delete. */
    @Introspected
    public record BatchDelete(List<String> ids) {}

    /** POST /v1/memories/batch-move: to another hub and/or topic. */
    @Introspected
    public record BatchMove(List<String> ids, String hubId, String topicId) {}

    /** POST /v1/memories/{id}/share: the hub to copy the memory into. */
    @Introspected
    public record Share(String targetHubId) {}
}
