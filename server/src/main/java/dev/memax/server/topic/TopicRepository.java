package dev.memax.server.topic;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL of {@code topics}, {@code topic_memories} and {@code topic_visits} (migration V19). */
@Singleton
public class TopicRepository {
    private static final String COLUMNS = "t.id, t.owner_id, t.hub_id, t.parent_id, t.name, t.description, t.icon, "
            + "t.position, t.pinned, t.user_modified, t.created_at, t.updated_at, t.archived_at";
    /** Memories the tree counts: active and not expired. */
    private static final String COUNTED = "m.state = 'active' AND (m.expires_at IS NULL OR m.expires_at > ?)";

    private final Db db;

    public TopicRepository(Db db) {
        this.db = db;
    }

    /** A topic in the subtree of another, {@code depth} levels below it (0: the topic itself). */
    record Member(UUID id, UUID ownerId, int depth) {}

    /** A memory's place in a topic: by a person ({@code placedByUserId}) or by a dream run ({@code placedByRunId}). */
    public record Link(
            UUID topicId,
            UUID memoryId,
            double confidence,
            UUID placedByUserId,
            UUID placedByRunId,
            Instant placedAt) {}

    /** Direct and subtree counts of one topic. */
    record Counts(long memories, long total) {}

    private static Topic topic(ResultSet rs) throws SQLException {
        return new Topic(
                Db.uuid(rs, "id"),
                Db.uuid(rs, "owner_id"),
                Db.uuid(rs, "hub_id"),
                Db.uuid(rs, "parent_id"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("icon"),
                rs.getInt("position"),
                rs.getBoolean("pinned"),
                rs.getBoolean("user_modified"),
                Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"),
                Db.instant(rs, "archived_at"));
    }

    private static Link link(ResultSet rs) throws SQLException {
        return new Link(
                Db.uuid(rs, "topic_id"),
                Db.uuid(rs, "memory_id"),
                rs.getDouble("confidence"),
                Db.uuid(rs, "placed_by_user_id"),
                Db.uuid(rs, "placed_by_run_id"),
                Db.instant(rs, "placed_at"));
    }

    /** Serialises changes to one hub's tree until the transaction ends (cycle and depth checks read the tree first). */
    void lockTree(UUID hubId) {
        db.list("SELECT pg_advisory_xact_lock(hashtextextended('memax:topics:' || ?::text, 0))", rs -> 1, hubId);
    }

    public Optional<Topic> find(UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM topics t WHERE t.id = ?", TopicRepository::topic, id);
    }

    /** The hub's active topics (archived: its archived ones, most recently archived first). */
    List<Topic> list(UUID hubId, boolean archived) {
        return db.list(
                "SELECT " + COLUMNS + " FROM topics t WHERE t.hub_id = ? AND t.archived_at IS "
                        + (archived
                                ? "NOT NULL ORDER BY t.archived_at DESC, t.id"
                                : "NULL ORDER BY t.position, t.name, t.id"),
                TopicRepository::topic,
                hubId);
    }

    /** Per active topic of the hub: its own active memories and the distinct ones of its active subtree. */
    Map<UUID, Counts> counts(UUID hubId, Instant now) {
        Map<UUID, Counts> counts = new HashMap<>();
        db.list(
                "WITH RECURSIVE closure(ancestor, id) AS ("
                        + "SELECT id, id FROM topics WHERE hub_id = ? AND archived_at IS NULL "
                        + "UNION ALL SELECT c.ancestor, t.id FROM closure c JOIN topics t ON t.parent_id = c.id "
                        + "WHERE t.archived_at IS NULL) "
                        + "SELECT c.ancestor, count(DISTINCT tm.memory_id) FILTER (WHERE c.id = c.ancestor) AS own, "
                        + "count(DISTINCT tm.memory_id) AS total FROM closure c "
                        + "JOIN topic_memories tm ON tm.topic_id = c.id JOIN memories m ON m.id = tm.memory_id "
                        + "WHERE " + COUNTED + " GROUP BY c.ancestor",
                rs -> counts.put(Db.uuid(rs, "ancestor"), new Counts(rs.getLong("own"), rs.getLong("total"))),
                hubId,
                now);
        return counts;
    }

    /** The hub's active memories in no active topic. */
    long unassigned(UUID hubId, Instant now) {
        return db.count(
                "SELECT count(*) FROM memories m WHERE m.hub_id = ? AND " + COUNTED
                        + " AND NOT EXISTS (SELECT 1 FROM topic_memories tm JOIN topics t ON t.id = tm.topic_id "
                        + "WHERE tm.memory_id = m.id AND t.archived_at IS NULL)",
                hubId,
                now);
    }

    /** How many ancestors the topic has (0 at the root). */
    int depth(UUID id) {
        return (int) db.count(
                "WITH RECURSIVE up(id, parent_id, depth) AS (SELECT id, parent_id, 0 FROM topics WHERE id = ? "
                        + "UNION ALL SELECT t.id, t.parent_id, up.depth + 1 FROM topics t JOIN up ON t.id = up.parent_id) "
                        + "SELECT max(depth) FROM up",
                id);
    }

    /**
     * The topic and its descendants; with {@code sameArchive}, only those reached through children
     * archived together with it (its {@code archived_at}, null for active ones).
     */
    List<Member> subtree(UUID id, boolean sameArchive) {
        return db.list(
                "WITH RECURSIVE down(id, owner_id, depth, archived_at) AS ("
                        + "SELECT id, owner_id, 0, archived_at FROM topics WHERE id = ? "
                        + "UNION ALL SELECT t.id, t.owner_id, down.depth + 1, t.archived_at FROM topics t "
                        + "JOIN down ON t.parent_id = down.id"
                        + (sameArchive ? " WHERE t.archived_at IS NOT DISTINCT FROM down.archived_at" : "")
                        + ") SELECT id, owner_id, depth FROM down",
                rs -> new Member(Db.uuid(rs, "id"), Db.uuid(rs, "owner_id"), rs.getInt("depth")),
                id);
    }

    /** Whether an active sibling (other than {@code except}) under the parent has this name, ignoring case. */
    boolean nameTaken(UUID hubId, UUID parentId, String name, UUID except) {
        return db.count(
                        "SELECT count(*) FROM topics WHERE hub_id = ? AND parent_id IS NOT DISTINCT FROM ? "
                                + "AND lower(name) = lower(?) AND archived_at IS NULL AND id IS DISTINCT FROM ?",
                        hubId,
                        parentId,
                        name,
                        except)
                > 0;
    }

    /** The position after the last sibling's. */
    int nextPosition(UUID hubId, UUID parentId) {
        return (int) db.count(
                "SELECT coalesce(max(position) + 1, 0) FROM topics WHERE hub_id = ? AND parent_id IS NOT DISTINCT FROM ?",
                hubId,
                parentId);
    }

    void insert(Topic t) {
        db.update(
                "INSERT INTO topics (id, hub_id, owner_id, parent_id, name, description, icon, position, pinned, "
                        + "user_modified, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(),
                t.hubId(),
                t.ownerId(),
                t.parentId(),
                t.name(),
                t.description(),
                t.icon(),
                t.position(),
                t.pinned(),
                t.userModified(),
                t.createdAt(),
                t.updatedAt());
    }

    /** Writes every field a change may touch. */
    void update(Topic t) {
        db.update(
                "UPDATE topics SET parent_id = ?, name = ?, description = ?, icon = ?, position = ?, pinned = ?, "
                        + "user_modified = ?, updated_at = ? WHERE id = ?",
                t.parentId(),
                t.name(),
                t.description(),
                t.icon(),
                t.position(),
                t.pinned(),
                t.userModified(),
                t.updatedAt(),
                t.id());
    }

    int archive(List<UUID> ids, Instant now) {
        return db.update(
                "UPDATE topics SET archived_at = ?, updated_at = ? WHERE id = ANY(?::uuid[]) AND archived_at IS NULL",
                now,
                now,
                ids);
    }

    /** Un-archives the topics; the first of them, {@code root}, goes under {@code parentId}. */
    int restore(UUID root, UUID parentId, List<UUID> ids, Instant now) {
        db.update("UPDATE topics SET parent_id = ? WHERE id = ?", parentId, root);
        return db.update(
                "UPDATE topics SET archived_at = NULL, updated_at = ? WHERE id = ANY(?::uuid[]) AND archived_at IS NOT NULL",
                now,
                ids);
    }

    /** Deletes the topic; its descendants and every link to them go with it (ON DELETE CASCADE). */
    void delete(UUID id) {
        db.update("DELETE FROM topics WHERE id = ?", id);
    }

    Optional<Link> link(UUID topicId, UUID memoryId) {
        return db.one(
                "SELECT * FROM topic_memories WHERE topic_id = ? AND memory_id = ?",
                TopicRepository::link,
                topicId,
                memoryId);
    }

    /**
     * Places the memory in the topic. A person's placement (no run) replaces any link; a run's
     * never replaces a person's.
     */
    Link place(UUID topicId, UUID memoryId, double confidence, UUID userId, UUID runId, Instant now) {
        db.update(
                "INSERT INTO topic_memories (topic_id, memory_id, confidence, placed_by_user_id, placed_by_run_id, placed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (topic_id, memory_id) DO UPDATE SET "
                        + "confidence = excluded.confidence, placed_by_user_id = excluded.placed_by_user_id, "
                        + "placed_by_run_id = excluded.placed_by_run_id, placed_at = excluded.placed_at "
                        + "WHERE excluded.placed_by_run_id IS NULL OR topic_memories.placed_by_run_id IS NOT NULL",
                topicId,
                memoryId,
                (float) confidence,
                userId,
                runId,
                now);
        return link(topicId, memoryId).orElseThrow();
    }

    boolean unlink(UUID topicId, UUID memoryId) {
        return db.update("DELETE FROM topic_memories WHERE topic_id = ? AND memory_id = ?", topicId, memoryId) > 0;
    }

    /** Removes every link of the memory except to {@code keep} (null: all). */
    void unlinkAllBut(UUID memoryId, UUID keep) {
        db.update("DELETE FROM topic_memories WHERE memory_id = ? AND topic_id IS DISTINCT FROM ?", memoryId, keep);
    }

    /** Makes the topic the memory's primary one when it has none. */
    void setPrimaryIfNone(UUID memoryId, UUID topicId) {
        db.update("UPDATE memories SET topic_id = ? WHERE id = ? AND topic_id IS NULL", topicId, memoryId);
    }

    /**
     * Memories whose primary topic is one of {@code leaving} (or, when {@code memoryId} is given,
     * that memory) get their best other link to an active topic as primary, or none.
     */
    void repointPrimary(List<UUID> leaving, UUID memoryId) {
        db.update(
                "UPDATE memories m SET topic_id = (SELECT tm.topic_id FROM topic_memories tm "
                        + "JOIN topics t ON t.id = tm.topic_id WHERE tm.memory_id = m.id AND t.archived_at IS NULL "
                        + "AND tm.topic_id <> ALL(?::uuid[]) ORDER BY tm.confidence DESC, tm.placed_at, tm.topic_id LIMIT 1) "
                        + "WHERE " + (memoryId == null ? "m.topic_id = ANY(?::uuid[])" : "m.id = ?"),
                leaving,
                memoryId == null ? leaving : memoryId);
    }

    /** The hub's active root topic of this name, ignoring case. */
    Optional<UUID> activeRootNamed(UUID hubId, String name) {
        return db.one(
                "SELECT id FROM topics WHERE hub_id = ? AND parent_id IS NULL AND lower(name) = lower(?) "
                        + "AND archived_at IS NULL ORDER BY id LIMIT 1",
                rs -> Db.uuid(rs, "id"),
                hubId,
                name);
    }

    /** Those of the memories that are active in the hub and in no topic, in the given order. */
    List<UUID> inNoTopic(UUID hubId, List<UUID> memoryIds) {
        List<UUID> free = db.list(
                "SELECT m.id FROM memories m WHERE m.id = ANY(?::uuid[]) AND m.hub_id = ? AND m.state = 'active' "
                        + "AND NOT EXISTS (SELECT 1 FROM topic_memories tm WHERE tm.memory_id = m.id)",
                rs -> Db.uuid(rs, "id"),
                memoryIds,
                hubId);
        List<UUID> out = new ArrayList<>(memoryIds);
        out.retainAll(free);
        return out;
    }

    /** Removes the links to the topic that the run placed (a person's placement since stays). */
    void unlinkRun(UUID topicId, List<UUID> memoryIds, UUID runId) {
        db.update(
                "DELETE FROM topic_memories WHERE topic_id = ? AND memory_id = ANY(?::uuid[]) AND placed_by_run_id = ?",
                topicId,
                memoryIds,
                runId);
    }

    /** Deletes the topic when no memory and no topic sits in it; whether it did. */
    boolean deleteIfEmpty(UUID id) {
        return db.update(
                        "DELETE FROM topics t WHERE t.id = ? AND NOT EXISTS (SELECT 1 FROM topic_memories tm "
                                + "WHERE tm.topic_id = t.id) AND NOT EXISTS (SELECT 1 FROM topics c WHERE c.parent_id = t.id)",
                        id)
                > 0;
    }

    Instant visit(UUID topicId, UUID userId, Instant now) {
        db.update(
                "INSERT INTO topic_visits (topic_id, user_id, visited_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (topic_id, user_id) DO UPDATE SET visited_at = excluded.visited_at",
                topicId,
                userId,
                now);
        return now;
    }
}
