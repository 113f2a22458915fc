package dev.memax.server.memory;

import dev.memax.server.access.AccessPolicy;
import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Transactions;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The memories nearest a memory by meaning: {@code GET /v1/memories/{id}/related}. */
@Singleton
public class MemoryRelations {
    private final MemoryGuard guard;
    private final AccessPolicy policy;
    private final MemoryRepository memories;
    private final EmbeddingProvider embeddings;
    private final Transactions transactions;

    public MemoryRelations(
            MemoryGuard guard,
            AccessPolicy policy,
            MemoryRepository memories,
            EmbeddingProvider embeddings,
            Transactions transactions) {
        this.guard = guard;
        this.policy = policy;
        this.memories = memories;
        this.embeddings = embeddings;
        this.transactions = transactions;
    }

    /**
     * {@code GET /v1/memories/{id}/related}: the memories whose chunks lie nearest to this
     * memory's chunks (cosine, vectors of the active model only), in hubs the caller can read,
     * without the memory itself and without expired ones (unless {@code includeExpired}).
     */
    public List<RelatedMemory> related(Caller caller, String id, Integer limit, boolean includeExpired) {
        int n = limit == null ? MemoryLimits.RELATED_DEFAULT : limit;
        if (n < 1 || n > MemoryLimits.RELATED_MAX) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MemoryLimits.RELATED_MAX);
        }
        Instant now = Now.instant();
        Memory memory = guard.readable(caller, id, includeExpired, now);
        List<UUID> hubs = policy.readableHubIds(caller);
        String model = embeddings.modelId().replace("'", "''");
        int dims = embeddings.dimensions();
        String vector = "::vector(" + dims + ")";
        // The model is a literal (not a parameter) so the planner can use that model's partial HNSW index.
        String sql = "WITH source AS (SELECT embedding FROM memory_chunks WHERE memory_id = ? AND model = '" + model
                + "' ORDER BY ordinal LIMIT 16), near AS (SELECT n.memory_id, min(n.distance) AS distance "
                + "FROM source s CROSS JOIN LATERAL (SELECT c.memory_id, c.embedding" + vector + " <=> s.embedding"
                + vector + " AS distance FROM memory_chunks c WHERE c.model = '" + model + "' "
                + "AND c.hub_id = ANY(?::uuid[]) AND c.memory_id <> ? ORDER BY c.embedding" + vector
                + " <=> s.embedding" + vector + " LIMIT ?) n GROUP BY n.memory_id) "
                + "SELECT " + MemoryRepository.COLUMNS
                + ", near.distance FROM near JOIN memories m ON m.id = near.memory_id "
                + (includeExpired ? "" : "WHERE (m.expires_at IS NULL OR m.expires_at > ?) ")
                + "ORDER BY near.distance, m.id LIMIT ?";
        List<Object> args = new ArrayList<>(List.of(memory.id(), hubs, memory.id(), Math.min(400, n * 8)));
        if (!includeExpired) {
            args.add(now);
        }
        args.add(n);
        List<RelatedMemory> related = transactions.executeRead(status -> {
            // pgvector 0.8: keep scanning the HNSW graph until enough rows pass the hub filter.
            memories.query("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)", rs -> rs.getString(1));
            return memories.query(
                    sql,
                    rs -> RelatedMemory.of(
                            memories.map(rs), Math.max(0.0, Math.min(1.0, 1.0 - rs.getDouble("distance")))),
                    args.toArray());
        });
        return related;
    }
}
