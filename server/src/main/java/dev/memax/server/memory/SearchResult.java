package dev.memax.server.memory;

import java.util.UUID;

/**
 * One hit of {@code GET /v1/memories/search}, as the Memax SDK's {@code SearchResult}: the
 * memory and the best-matching passage of it.
 *
 * @param snippet      the matching words in their context, from the best-ranked chunk
 * @param headingChain that chunk's headings joined with {@code " > "} (empty at the top level)
 * @param topicName    the name of the memory's primary topic ({@code topic_id}); null without one
 * @param score        the full-text rank (not normalised; higher is better)
 */
public record SearchResult(
        UUID memoryId,
        String title,
        String snippet,
        MemoryKind kind,
        Stability stability,
        String headingChain,
        UUID hubId,
        String hubName,
        UUID topicId,
        String topicName,
        double score) {}
