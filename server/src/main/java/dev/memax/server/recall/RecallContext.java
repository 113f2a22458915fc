package dev.memax.server.recall;

import dev.memax.server.embedding.Vectors;
import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the ranker knows of each candidate memory beyond its own chunks, in one statement: its
 * {@code event_dates} (for a query that names a date, see {@link QueryDates}) and, for a memory
 * recorded in a session ({@code session_id}), its neighbours in that session: the active
 * memories of the same session created just before and just after it in its hub, each with its
 * best chunk's cosine similarity to the query.
 *
 * <p>Why neighbours: a memory of a session is one step of a sequence (a dialogue turn, a step of
 * a debugging session); the turn a question is about often shares few words with the question
 * while the turn just before or after it (the question it answers, the remark it replies to)
 * matches well. Only a session the client names counts: memories merely pushed one after another
 * are not related (issue 17 measured bare push order costing 0.11 nDCG@10 on agent memories).
 * Two probes of {@code memories (hub_id, session_id, created_at, id)} per candidate.
 */
@Singleton
public class RecallContext {
    private final Db db;

    public RecallContext(Db db) {
        this.db = db;
    }

    /**
     * A neighbour of a candidate memory: its best chunk (by cosine), that chunk's similarity (null
     * without a vector), and how many places away in the session it was recorded (1: just before or after).
     */
    public record Neighbor(UUID memoryId, UUID chunkId, Double similarity, int distance) {}

    /** A candidate memory's event dates and session neighbours (none outside a session). */
    public record Context(List<Instant> eventDates, List<Neighbor> neighbors) {
        public static final Context NONE = new Context(List.of(), List.of());
    }

    /** Candidate memory id → its context, with up to {@code window} neighbours on each side in its session. */
    public Map<UUID, Context> load(Collection<UUID> memoryIds, String model, float[] vector, Instant now, int window) {
        if (memoryIds.isEmpty()) {
            return Map.of();
        }
        List<Object> args = new ArrayList<>();
        args.add(now);
        String distance = "NULL::float8";
        if (vector != null) {
            distance = "ch.embedding <=> ?::vector";
            args.add(Vectors.literal(vector));
        }
        args.add(model);
        args.add(memoryIds);
        String neighbor =
                "SELECT m.id, m.state, m.expires_at, row_number() OVER (ORDER BY m.created_at %2$s, m.id %2$s) "
                        + "AS place FROM memories m WHERE m.hub_id = c.hub_id AND m.session_id = c.session_id "
                        + "AND (m.created_at, m.id) %1$s (c.created_at, c.id) ORDER BY m.created_at %2$s, m.id %2$s LIMIT "
                        + Math.max(1, window);
        Map<UUID, Context> out = new HashMap<>();
        db.list(
                "SELECT c.id AS memory_id, c.event_dates, n.id AS neighbor_id, n.place, b.chunk_id, b.distance "
                        + "FROM memories c LEFT JOIN LATERAL ((" + String.format(neighbor, "<", "DESC")
                        + ") UNION ALL ("
                        + String.format(neighbor, ">", "ASC") + ")) n ON c.session_id IS NOT NULL "
                        + "AND n.state = 'active' AND (n.expires_at IS NULL OR n.expires_at > ?) "
                        + "LEFT JOIN LATERAL (SELECT ch.id AS chunk_id, " + distance
                        + " AS distance FROM memory_chunks ch "
                        + "WHERE ch.memory_id = n.id AND ch.model = ? ORDER BY distance, ch.ordinal LIMIT 1) b ON true "
                        + "WHERE c.id = ANY(?::uuid[])",
                rs -> {
                    UUID id = Db.uuid(rs, "memory_id");
                    Context context = out.get(id);
                    if (context == null) {
                        context = new Context(Db.instants(rs, "event_dates"), new ArrayList<>());
                        out.put(id, context);
                    }
                    UUID chunkId = Db.uuid(rs, "chunk_id");
                    if (chunkId != null) {
                        double value = rs.getDouble("distance");
                        Double similarity = rs.wasNull() ? null : RecallRepository.similarity(value);
                        context.neighbors()
                                .add(new Neighbor(Db.uuid(rs, "neighbor_id"), chunkId, similarity, rs.getInt("place")));
                    }
                    return id;
                },
                args.toArray());
        return out;
    }
}
