package dev.memax.server.dream;

import dev.memax.server.embedding.Vectors;
import dev.memax.server.memory.MemoryKind;
import dev.memax.server.memory.MemoryState;
import dev.memax.server.memory.Stability;
import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Loads a hub's memories as the phases read them ({@link DreamMemory}): every active, unexpired
 * memory, with its vector the normalised mean of its chunks' embeddings under the active model
 * (pgvector's {@code avg}), or null while it has none under that model, and the topics it sits in
 * ({@code topic_memories}), those a user placed it in apart.
 */
@Singleton
public class DreamMemories {
    static final int PAGE = 2000;
    private final Db db;

    public DreamMemories(Db db) {
        this.db = db;
    }

    public List<DreamMemory> load(UUID hubId, String model, Instant now) {
        List<DreamMemory> out = new ArrayList<>();
        UUID after = new UUID(0, 0); // the least uuid in PostgreSQL's (unsigned, bytewise) order
        List<DreamMemory> page;
        do {
            page = page(hubId, model, now, after);
            out.addAll(page);
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).id();
            }
        } while (page.size() == PAGE);
        return out;
    }

    /**
     * One page after {@code after} in id order: the driver buffers a whole result before it maps
     * a row, and each row's vector arrives as text (~4 kB at 384 dimensions), so a hub read in one
     * query would hold every memory's text form at once.
     */
    private List<DreamMemory> page(UUID hubId, String model, Instant now, UUID after) {
        return db.list(
                "SELECT m.id, m.hub_id, m.kind, m.stability, m.pinned, m.state, m.title, m.content, m.tags, m.source, "
                        + "m.source_path, m.session_id, m.event_dates, m.created_at, m.updated_at, m.accessed_at, "
                        + "m.access_count, v.mean::text AS mean, "
                        + "ARRAY(SELECT t.topic_id FROM topic_memories t WHERE t.memory_id = m.id) AS topic_ids, "
                        + "ARRAY(SELECT t.topic_id FROM topic_memories t WHERE t.memory_id = m.id "
                        + "AND t.placed_by_user_id IS NOT NULL) AS user_placed FROM memories m LEFT JOIN LATERAL ("
                        + "SELECT avg(c.embedding) AS mean FROM memory_chunks c WHERE c.memory_id = m.id AND c.model = ?"
                        + ") v ON true "
                        + "WHERE m.hub_id = ? AND m.id > ? AND m.state = 'active' "
                        + "AND (m.expires_at IS NULL OR m.expires_at > ?) ORDER BY m.id LIMIT " + PAGE,
                DreamMemories::map,
                model,
                hubId,
                after,
                now);
    }

    private static DreamMemory map(ResultSet rs) throws SQLException {
        return new DreamMemory(
                Db.uuid(rs, "id"),
                Db.uuid(rs, "hub_id"),
                MemoryKind.fromWire(rs.getString("kind")),
                Stability.fromWire(rs.getString("stability")),
                rs.getBoolean("pinned"),
                MemoryState.fromWire(rs.getString("state")),
                rs.getString("title"),
                rs.getString("content"),
                Db.strings(rs, "tags"),
                rs.getString("source"),
                rs.getString("source_path"),
                rs.getString("session_id"),
                Db.instants(rs, "event_dates"),
                Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"),
                Db.instant(rs, "accessed_at"),
                rs.getLong("access_count"),
                DreamVectors.unit(Vectors.parse(rs.getString("mean"))),
                Set.copyOf(Db.uuids(rs, "topic_ids")),
                Set.copyOf(Db.uuids(rs, "user_placed")));
    }
}
