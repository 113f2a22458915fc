package dev.memax.sdk.models;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A memory.
 *
 * @param id             its id
 * @param hubId          the hub it is in
 * @param ownerId        who pushed it (stays when others change it)
 * @param title          its title; empty when none
 * @param content        its Markdown content
 * @param contentType    always {@code text/markdown}
 * @param contentHash    SHA-256 (hex) of the content: what a {@code source_path} push compares
 * @param summary        its summary; empty when none
 * @param kind           what sort of knowledge it is
 * @param stability      how long it is expected to stay true
 * @param tags           its tags
 * @param source         where it came from, or null
 * @param sourceAgent    the agent that pushed it, or null
 * @param sourcePath     the path identifying it in its hub (pushes to it update it), or null
 * @param sessionId      the session or conversation it was recorded in, or null
 * @param metadata       free JSON (key order is not kept)
 * @param projectContext the repository, project and branch it was made in, or null
 * @param eventDates     when the things it is about happened
 * @param pinned         whether it is pinned
 * @param state          active, processing or archived
 * @param version        1 when created, + 1 with every change
 * @param topicId        its topic, or null
 * @param accessCount    how often recall has answered it
 * @param createdAt      when it was created
 * @param updatedAt      when it last changed
 * @param accessedAt     when recall last answered it, or null
 * @param expiresAt      when it expires (hidden from then on), or null
 * @param derivedFrom    a dream's summary: the memories it was written from, to cite them; empty otherwise
 * @param mergedInto     the survivor a dream merged this memory into (it is then archived), or null
 * @param supersededBy   the newer memory that superseded this one (it is then archived), or null
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
        MemoryStability stability,
        List<String> tags,
        String source,
        String sourceAgent,
        String sourcePath,
        String sessionId,
        Map<String, Object> metadata,
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
        List<UUID> derivedFrom,
        UUID mergedInto,
        UUID supersededBy) {
    public Memory {
        derivedFrom = derivedFrom == null ? List.of() : List.copyOf(derivedFrom);
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = metadata == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        eventDates = eventDates == null ? List.of() : List.copyOf(eventDates);
    }
}
