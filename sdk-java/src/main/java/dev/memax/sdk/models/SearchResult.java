package dev.memax.sdk.models;

import java.util.UUID;

/**
 * One match of a full-text memory search ({@code GET /v1/memories/search}).
 *
 * @param snippet      the matching words in their context
 * @param headingChain the matching passage's headings joined with {@code " > "} (empty at the top)
 * @param topicName    null for now (topics are not built yet)
 * @param score        the full-text rank (higher is better; not normalised)
 */
public record SearchResult(
        UUID memoryId,
        String title,
        String snippet,
        MemoryKind kind,
        MemoryStability stability,
        String headingChain,
        UUID hubId,
        String hubName,
        UUID topicId,
        String topicName,
        double score) {}
