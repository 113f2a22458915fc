package dev.memax.server.memory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A memory as every memory route answers it (docs/architecture.md §5.5), field for field.
 *
 * @param mergedInto   the survivor a dream merged this memory into (then archived), else absent
 * @param supersededBy the newer memory that superseded this one (then archived), else absent
 */
public record Memory(
        UUID id,
        UUID hubId,
        UUID ownerId,
        String title,
        String content,
        String contentType,
        String contentHash,
        String summary,
        MemoryKind kind,
        Stability stability,
        List<String> tags,
        String source,
        String sourceAgent,
        String sourcePath,
        String sessionId,
        JsonNode metadata,
        ProjectContext projectContext,
        List<Instant> eventDates,
        boolean pinned,
        MemoryState state,
        int version,
        UUID topicId,
        long accessCount,
        Instant createdAt,
        Instant updatedAt,
        Instant accessedAt,
        Instant expiresAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID mergedInto,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID supersededBy) {
    private static final Pattern CANONICAL_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", Pattern.CASE_INSENSITIVE);

    /**
     * A dream's summary: the memories it was written from ({@code metadata.derived_from}), so a
     * client can cite them; absent on other memories.
     */
    @JsonProperty("derived_from")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<UUID> derivedFrom() {
        List<String> values = new ArrayList<>();
        if (metadata != null && metadata.path("derived_from").isArray()) {
            metadata.get("derived_from").forEach(id -> values.add(id.asText()));
        }
        return citedMemories(values);
    }

    /**
     * The memory ids among a {@code metadata.derived_from}'s values (canonical UUIDs); anything else is free
     * metadata a client wrote, not a dream's citation. The one rule for memories and recall results.
     */
    public static List<UUID> citedMemories(List<String> values) {
        List<UUID> out = new ArrayList<>();
        for (String value : values) {
            if (CANONICAL_ID.matcher(value).matches()) {
                out.add(UUID.fromString(value));
            }
        }
        return out;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
