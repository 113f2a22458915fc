package dev.memax.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Introspected;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * A PATCH as the service applies it: the values sent, and the JSON keys the client sent so that {@code null}
     * (clear) and absent (keep) differ.
     */
    public record Patch(UpdateMemory values, Set<String> present) {
        public Patch {
            present = Set.copyOf(present);
        }

        /** {@code values} as decoded from {@code body}, the JSON object they were read from. */
        public static Patch of(UpdateMemory values, JsonNode body) {
            Set<String> present = new HashSet<>();
            body.fieldNames().forEachRemaining(present::add);
            return new Patch(values, present);
        }
    }

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
