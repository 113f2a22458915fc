package dev.memax.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.embedding.Vectors;
import dev.memax.server.platform.Db;
import dev.memax.server.platform.Ids;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** SQL of memories, their chunks and their versions (V3__memories.sql). */
@Singleton
public class MemoryRepository {
    static final String COLUMNS = "m.id, m.hub_id, m.owner_id, m.title, m.content, m.content_type, m.content_hash, "
            + "m.summary, m.kind, m.stability, m.tags, m.source, m.source_agent, m.source_path, m.session_id, m.metadata, "
            + "m.project_context, m.event_dates, m.pinned, m.state, m.version, m.topic_id, m.access_count, "
            + "m.created_at, m.updated_at, m.accessed_at, m.expires_at, m.merged_into, m.superseded_by";
    /** The unique index that makes a source_path one memory per hub. */
    static final String SOURCE_PATH_INDEX = "memories_source_path_key";

    private static final String INSERT_VERSION = "INSERT INTO memory_versions (memory_id, version, changed_by, "
            + "changed_at, change, changes) VALUES (?, ?, ?, ?, ?, ?)";
    private final Db db;
    private final JdbcOperations jdbc;
    private final ObjectMapper json;
    private final MemoryInput input;

    public MemoryRepository(Db db, JdbcOperations jdbc, ObjectMapper json, MemoryInput input) {
        this.db = db;
        this.jdbc = jdbc;
        this.json = json;
        this.input = input;
    }

    Memory map(ResultSet rs) throws SQLException {
        String context = rs.getString("project_context");
        return new Memory(
                Db.uuid(rs, "id"),
                Db.uuid(rs, "hub_id"),
                Db.uuid(rs, "owner_id"),
                rs.getString("title"),
                rs.getString("content"),
                rs.getString("content_type"),
                rs.getString("content_hash"),
                rs.getString("summary"),
                MemoryKind.fromWire(rs.getString("kind")),
                Stability.fromWire(rs.getString("stability")),
                Db.strings(rs, "tags"),
                rs.getString("source"),
                rs.getString("source_agent"),
                rs.getString("source_path"),
                rs.getString("session_id"),
                readJson(rs.getString("metadata")),
                context == null ? null : readContext(context),
                Db.instants(rs, "event_dates"),
                rs.getBoolean("pinned"),
                MemoryState.fromWire(rs.getString("state")),
                rs.getInt("version"),
                Db.uuid(rs, "topic_id"),
                rs.getLong("access_count"),
                Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"),
                Db.instant(rs, "accessed_at"),
                Db.instant(rs, "expires_at"),
                Db.uuid(rs, "merged_into"),
                Db.uuid(rs, "superseded_by"));
    }

    public Optional<Memory> find(UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM memories m WHERE m.id = ?", this::map, id);
    }

    /** Reads the memory and locks its row until the transaction ends. */
    Optional<Memory> lock(UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM memories m WHERE m.id = ? FOR UPDATE", this::map, id);
    }

    List<Memory> findAll(Collection<UUID> ids) {
        return db.list("SELECT " + COLUMNS + " FROM memories m WHERE m.id = ANY(?::uuid[])", this::map, ids);
    }

    /** Locks the rows (in id order, so concurrent batches cannot deadlock). */
    List<Memory> lockAll(Collection<UUID> ids) {
        return db.list(
                "SELECT " + COLUMNS + " FROM memories m WHERE m.id = ANY(?::uuid[]) ORDER BY m.id FOR UPDATE",
                this::map,
                ids);
    }

    Optional<Memory> findByPath(UUID hubId, String sourcePath) {
        return db.one(
                "SELECT " + COLUMNS + " FROM memories m WHERE m.hub_id = ? AND m.source_path = ?",
                this::map,
                hubId,
                sourcePath);
    }

    /** The hub's memories at any of these source paths. */
    List<Memory> findByPaths(UUID hubId, Collection<String> sourcePaths) {
        return db.list(
                "SELECT " + COLUMNS + " FROM memories m WHERE m.hub_id = ? AND m.source_path = ANY(?::text[])",
                this::map,
                hubId,
                sourcePaths);
    }

    Optional<Memory> lockByPath(UUID hubId, String sourcePath) {
        return db.one(
                "SELECT " + COLUMNS + " FROM memories m WHERE m.hub_id = ? AND m.source_path = ? FOR UPDATE",
                this::map,
                hubId,
                sourcePath);
    }

    /** Source paths among {@code paths} that the hub already holds. */
    List<String> pathsTaken(UUID hubId, Collection<String> paths) {
        return db.list(
                "SELECT source_path FROM memories WHERE hub_id = ? AND source_path = ANY(?::text[])",
                rs -> rs.getString(1),
                hubId,
                paths);
    }

    /** A memory to insert: {@link #insertAll}. */
    record NewMemory(UUID id, UUID hubId, UUID ownerId, MemoryFields fields, String contentHash) {}

    /**
     * Inserts new memories (version 1) in one round trip, skipping each whose hub already holds
     * its source_path, which may have been committed concurrently: false then (the transaction
     * stays usable).
     */
    boolean insertAll(List<NewMemory> rows, Instant now) {
        List<Object[]> args = new ArrayList<>(rows.size());
        for (NewMemory row : rows) {
            MemoryFields f = row.fields();
            args.add(new Object[] {
                row.id(),
                row.hubId(),
                row.ownerId(),
                f.title,
                f.content,
                row.contentHash(),
                f.summary,
                f.kind,
                f.stability,
                f.tags,
                f.source,
                f.sourceAgent,
                f.sourcePath,
                f.sessionId,
                new Db.Json(input.metadataJson(f.metadata)),
                f.projectContext == null ? null : new Db.Json(input.projectContextJson(f.projectContext)),
                isoStrings(f.eventDates),
                f.pinned,
                f.state,
                f.topicId,
                now,
                now,
                f.expiresAt
            });
        }
        int[] inserted = db.batch(
                "INSERT INTO memories (id, hub_id, owner_id, title, content, content_hash, summary, "
                        + "kind, stability, tags, source, source_agent, source_path, session_id, metadata, project_context, event_dates, "
                        + "pinned, state, version, topic_id, created_at, updated_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz[], ?, ?, 1, ?, ?, ?, ?) "
                        + "ON CONFLICT (hub_id, source_path) WHERE source_path IS NOT NULL DO NOTHING",
                args);
        for (int count : inserted) {
            if (count != 1) {
                return false;
            }
        }
        return true;
    }

    /** Saves every changeable field and the new version. */
    void update(UUID id, MemoryFields f, String contentHash, int version, Instant now) {
        db.update(
                "UPDATE memories SET title = ?, content = ?, content_hash = ?, summary = ?, kind = ?, stability = ?, "
                        + "tags = ?, source = ?, source_agent = ?, source_path = ?, session_id = ?, metadata = ?, project_context = ?, "
                        + "event_dates = ?::timestamptz[], pinned = ?, state = ?, topic_id = ?, expires_at = ?, "
                        + "version = ?, updated_at = ? WHERE id = ?",
                f.title,
                f.content,
                contentHash,
                f.summary,
                f.kind,
                f.stability,
                f.tags,
                f.source,
                f.sourceAgent,
                f.sourcePath,
                f.sessionId,
                new Db.Json(input.metadataJson(f.metadata)),
                f.projectContext == null ? null : new Db.Json(input.projectContextJson(f.projectContext)),
                isoStrings(f.eventDates),
                f.pinned,
                f.state,
                f.topicId,
                f.expiresAt,
                version,
                now,
                id);
    }

    /** Moves a memory (and its chunks) to a hub and/or topic as a new version. */
    void move(UUID id, UUID hubId, UUID topicId, int version, Instant now) {
        db.update(
                "UPDATE memories SET hub_id = ?, topic_id = ?, version = ?, updated_at = ? WHERE id = ?",
                hubId,
                topicId,
                version,
                now,
                id);
        db.update("UPDATE memory_chunks SET hub_id = ? WHERE memory_id = ? AND hub_id <> ?", hubId, id, hubId);
    }

    int delete(Collection<UUID> ids) {
        return db.update("DELETE FROM memories WHERE id = ANY(?::uuid[])", ids);
    }

    void insertVersion(UUID memoryId, int version, UUID changedBy, Instant at, String change, JsonNode changes) {
        db.update(INSERT_VERSION, memoryId, version, changedBy, at, change, new Db.Json(changes.toString()));
    }

    /** The first version ({@code created}) of each of these new memories, in one round trip. */
    void insertCreatedVersions(Collection<UUID> memoryIds, UUID changedBy, Instant at) {
        List<Object[]> rows = new ArrayList<>(memoryIds.size());
        for (UUID id : memoryIds) {
            rows.add(new Object[] {id, 1, changedBy, at, "created", new Db.Json("{}")});
        }
        db.batch(INSERT_VERSION, rows);
    }

    /** Versions newest first, strictly before {@code beforeVersion} (null: from the newest). */
    List<MemoryVersion> versions(UUID memoryId, Integer beforeVersion, int limit) {
        String sql = "SELECT version, changed_by, changed_at, change, changes FROM memory_versions WHERE memory_id = ? "
                + (beforeVersion == null ? "" : "AND version < ? ") + "ORDER BY version DESC LIMIT ?";
        Db.Row<MemoryVersion> row = rs -> new MemoryVersion(
                rs.getInt("version"),
                Db.uuid(rs, "changed_by"),
                Db.instant(rs, "changed_at"),
                rs.getString("change"),
                fromTo(readJson(rs.getString("changes"))));
        return beforeVersion == null
                ? db.list(sql, row, memoryId, limit)
                : db.list(sql, row, memoryId, beforeVersion, limit);
    }

    long countVersions(UUID memoryId) {
        return db.count("SELECT count(*) FROM memory_versions WHERE memory_id = ?", memoryId);
    }

    /**
     * A memory's chunks and their vectors (same order), and the vectors of its memory-level views
     * ({@link Chunker.Views}; null where the view is), kept on the first chunk.
     */
    record MemoryChunks(
            UUID memoryId,
            UUID hubId,
            List<Chunker.Chunk> chunks,
            List<float[]> vectors,
            float[] memoryVector,
            float[] titleVector) {}

    /** Replaces the memory's chunks with these, embedded by {@code model}. */
    @Transactional
    void replaceChunks(UUID memoryId, UUID hubId, String model, MemoryChunks embedded) {
        db.update("DELETE FROM memory_chunks WHERE memory_id = ?", memoryId);
        insertChunks(
                model,
                List.of(new MemoryChunks(
                        memoryId,
                        hubId,
                        embedded.chunks(),
                        embedded.vectors(),
                        embedded.memoryVector(),
                        embedded.titleVector())));
    }

    /** Inserts the chunks of new memories, all of them in one JDBC batch (a batch import makes one round trip). */
    @Transactional
    void insertChunks(String model, List<MemoryChunks> memories) {
        jdbc.prepareStatement(
                "INSERT INTO memory_chunks (id, memory_id, hub_id, ordinal, heading_chain, content, model, "
                        + "embedding, title, memory_embedding, title_embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    for (MemoryChunks memory : memories) {
                        for (int i = 0; i < memory.chunks().size(); i++) {
                            Chunker.Chunk chunk = memory.chunks().get(i);
                            statement.setObject(1, Ids.newId());
                            statement.setObject(2, memory.memoryId());
                            statement.setObject(3, memory.hubId());
                            statement.setInt(4, chunk.ordinal());
                            statement.setArray(
                                    5,
                                    statement
                                            .getConnection()
                                            .createArrayOf(
                                                    "text", chunk.headingChain().toArray()));
                            statement.setString(6, chunk.content());
                            statement.setString(7, model);
                            statement.setObject(
                                    8, Vectors.parameter(memory.vectors().get(i)));
                            statement.setString(9, chunk.title());
                            boolean first = chunk.ordinal() == 0;
                            statement.setObject(10, Vectors.parameter(first ? memory.memoryVector() : null));
                            statement.setObject(11, Vectors.parameter(first ? memory.titleVector() : null));
                            statement.addBatch();
                        }
                    }
                    statement.executeBatch();
                    return null;
                });
    }

    /** One page of a listing; the SQL pieces come from {@link MemoryQuery}. */
    List<Memory> list(MemoryQuery query, List<String> after, int limit) {
        MemoryQuery.Sql sql = query.page(after, limit);
        return db.list(
                "SELECT " + COLUMNS + " FROM memories m WHERE " + sql.where() + " ORDER BY " + sql.orderBy()
                        + " LIMIT ?",
                this::map,
                sql.args());
    }

    long count(MemoryQuery query) {
        MemoryQuery.Sql sql = query.count();
        return db.count("SELECT count(*) FROM memories m WHERE " + sql.where(), sql.args());
    }

    /**
     * Full-text search (no embeddings): every word of {@code tsquery} must match a chunk; each
     * memory once, by its best chunk; memories of {@code preferredHub} first, then by rank.
     */
    List<SearchResult> search(
            List<UUID> hubIds, String tsquery, UUID topicId, UUID preferredHub, Instant now, int limit) {
        List<Object> args = new ArrayList<>(List.of(tsquery, hubIds, now));
        String topic = "";
        if (topicId != null) {
            topic = " AND " + MemoryFilter.inTopic(topicId, args);
        }
        args.add(preferredHub);
        args.add(limit);
        return db.list(
                "WITH q AS (SELECT to_tsquery('english', ?) AS q), "
                        + "hits AS (SELECT DISTINCT ON (c.memory_id) c.memory_id, c.content, c.heading_chain, "
                        + "ts_rank_cd(c.tsv, q.q) AS rank FROM memory_chunks c, q "
                        + "WHERE c.hub_id = ANY(?::uuid[]) AND c.tsv @@ q.q "
                        + "ORDER BY c.memory_id, ts_rank_cd(c.tsv, q.q) DESC, c.ordinal) "
                        + "SELECT m.id, m.title, m.kind, m.stability, m.hub_id, h.name AS hub_name, m.topic_id, "
                        + "t.name AS topic_name, array_to_string(hits.heading_chain, ' > ') AS headings, hits.rank, "
                        + "ts_headline('english', hits.content, q.q, 'MaxWords=35, MinWords=15, MaxFragments=1, "
                        + "StartSel=\"\", StopSel=\"\"') AS snippet "
                        + "FROM hits JOIN memories m ON m.id = hits.memory_id JOIN hubs h ON h.id = m.hub_id "
                        + "LEFT JOIN topics t ON t.id = m.topic_id, q "
                        + "WHERE m.state = 'active' AND (m.expires_at IS NULL OR m.expires_at > ?)" + topic
                        + " ORDER BY (m.hub_id = ?) IS TRUE DESC, hits.rank DESC, m.id LIMIT ?",
                rs -> new SearchResult(
                        Db.uuid(rs, "id"),
                        rs.getString("title"),
                        rs.getString("snippet"),
                        MemoryKind.fromWire(rs.getString("kind")),
                        Stability.fromWire(rs.getString("stability")),
                        rs.getString("headings"),
                        Db.uuid(rs, "hub_id"),
                        rs.getString("hub_name"),
                        Db.uuid(rs, "topic_id"),
                        rs.getString("topic_name"),
                        rs.getDouble("rank")),
                args.toArray());
    }

    /** Counts one deliberate access of a memory; its new count and time. */
    Optional<long[]> addAccess(UUID id, Instant now) {
        return db.one(
                "UPDATE memories SET access_count = access_count + 1, accessed_at = ? WHERE id = ? "
                        + "RETURNING access_count",
                rs -> new long[] {rs.getLong(1)},
                now,
                id);
    }

    /** How many memories of the listing (its actor filter aside) each actor wrote, most first. */
    java.util.Map<String, Long> actorCounts(MemoryQuery query) {
        MemoryQuery.Sql sql = query.actorCounts();
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        db.list(
                "SELECT " + MemoryQuery.ACTOR + " AS actor, count(*) AS n FROM memories m WHERE " + sql.where()
                        + " GROUP BY 1 ORDER BY n DESC, actor",
                rs -> counts.put(rs.getString("actor"), rs.getLong("n")),
                sql.args());
        return counts;
    }

    /** Runs {@code sql} with the given arguments and maps rows (for queries built elsewhere in this package). */
    <T> List<T> query(String sql, Db.Row<T> row, Object... args) {
        return db.list(sql, row, args);
    }

    void execute(String sql, Object... args) {
        db.update(sql, args);
    }

    /** Deletes up to {@code limit} memories that expired before {@code cutoff}; the count deleted. */
    /** A purged memory: its id and the hub it was in. */
    record Purged(UUID id, UUID hubId) {}

    List<Purged> purgeExpired(Instant cutoff, int limit) {
        return db.list(
                "DELETE FROM memories WHERE id IN (SELECT id FROM memories WHERE expires_at < ? LIMIT ?) "
                        + "RETURNING id, hub_id",
                rs -> new Purged(Db.uuid(rs, "id"), Db.uuid(rs, "hub_id")),
                cutoff,
                limit);
    }

    /** Whether a failure is the unique violation of a hub's source_path. */
    static boolean violatesSourcePath(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PSQLException psql && "23505".equals(psql.getSQLState())) {
                ServerErrorMessage message = psql.getServerErrorMessage();
                return message != null && SOURCE_PATH_INDEX.equals(message.getConstraint());
            }
        }
        return false;
    }

    private static List<String> isoStrings(List<Instant> instants) {
        return instants.stream().map(Instant::toString).toList();
    }

    /** jsonb keeps keys shortest first: put each change back in the {@code {from, to}} order clients read. */
    private JsonNode fromTo(JsonNode changes) {
        ObjectNode ordered = json.createObjectNode();
        changes.fields().forEachRemaining(field -> {
            ObjectNode change = ordered.putObject(field.getKey());
            change.set(
                    "from",
                    field.getValue().path("from").isMissingNode()
                            ? NullNode.getInstance()
                            : field.getValue().get("from"));
            change.set(
                    "to",
                    field.getValue().path("to").isMissingNode()
                            ? NullNode.getInstance()
                            : field.getValue().get("to"));
        });
        return ordered;
    }

    JsonNode readJson(String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProjectContext readContext(String text) {
        try {
            return json.readValue(text, ProjectContext.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
