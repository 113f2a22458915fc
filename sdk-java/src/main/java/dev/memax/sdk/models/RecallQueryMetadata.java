package dev.memax.sdk.models;

/**
 * How a recall went.
 *
 * @param totalCandidates distinct memories the signals proposed, before the threshold and the limit
 * @param latencyMs       time inside the server, end to end
 * @param embeddingMs     time spent embedding the query (0 in keyword mode)
 * @param searchMs        time spent in the vector and full-text searches
 * @param rankingMs       time spent fusing, boosting, grouping and loading the results
 * @param mode            the mode used
 * @param model           the embedding model whose vectors were searched
 * @param vectorSearch    {@code hnsw}, {@code exact} or {@code none}
 */
public record RecallQueryMetadata(
        int totalCandidates,
        double latencyMs,
        double embeddingMs,
        double searchMs,
        double rankingMs,
        RecallMode mode,
        String model,
        String vectorSearch) {}
