package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A memory answered by recall, with the chunk of it that matched best.
 *
 * @param id             the memory's id
 * @param hubId          its hub
 * @param title          its title (may be empty)
 * @param summary        its summary (may be empty)
 * @param chunkContent   the text of its best-matching chunk
 * @param headingChain   the Markdown headings above that chunk, outermost first (the server's
 *                       {@code headings}; its {@code heading_chain} is them joined with {@code " > "})
 * @param relevanceScore 0-1, fused and boosted; results come in descending order of it
 * @param kind           {@code episodic}, {@code semantic}, {@code procedural} or {@code rationale}
 * @param stability      {@code volatile}, {@code evolving} or {@code stable}
 * @param state          {@code active}, or {@code archived} when recall included archived memories
 * @param source         where it came from, or null
 * @param sourceAgent    the agent that wrote it, or null
 * @param sourcePath     the path it was synced from, or null
 * @param tags           its tags
 * @param pinned         whether it is pinned
 * @param topicId        its topic, or null
 * @param eventDates     when what it describes happened
 * @param createdAt      when it was created
 * @param updatedAt      when it last changed
 * @param age            how long ago it was created, e.g. {@code "3 days ago"}
 * @param derivedFrom    a dream's summary: the memories it was written from, to cite them; empty otherwise
 */
public record RecalledMemory(
        UUID id,
        UUID hubId,
        String title,
        String summary,
        String chunkContent,
        @JsonProperty("headings") List<String> headingChain,
        double relevanceScore,
        String kind,
        String stability,
        String state,
        String source,
        String sourceAgent,
        String sourcePath,
        List<String> tags,
        boolean pinned,
        UUID topicId,
        List<Instant> eventDates,
        Instant createdAt,
        Instant updatedAt,
        String age,
        List<UUID> derivedFrom) {
    public RecalledMemory {
        derivedFrom = derivedFrom == null ? List.of() : List.copyOf(derivedFrom);
        headingChain = headingChain == null ? List.of() : List.copyOf(headingChain);
        tags = tags == null ? List.of() : List.copyOf(tags);
        eventDates = eventDates == null ? List.of() : List.copyOf(eventDates);
    }
}
