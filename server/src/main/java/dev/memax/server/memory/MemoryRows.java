package dev.memax.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Whole memory rows for changes made by the server's own background work (dreams): a memory is
 * read as its complete row ({@code to_jsonb}), changed as a row, and written back through
 * {@link #write} as a new version with its history entry and its event, so that writing the
 * earlier row back restores every field exactly (docs/architecture.md §5.14).
 */
@Singleton
public class MemoryRows {
    /**
     * The columns a row write sets. Title and content are not among them: their chunks and
     * vectors would have to follow, and no background change edits text in place.
     */
    public static final List<String> WRITABLE = List.of(
            "summary",
            "kind",
            "stability",
            "tags",
            "source",
            "source_agent",
            "source_path",
            "session_id",
            "metadata",
            "project_context",
            "event_dates",
            "pinned",
            "state",
            "topic_id",
            "expires_at",
            "merged_into",
            "superseded_by");
    /**
     * Columns every write or read moves on: the version and its time (history is append-only, so
     * a restore is a new version) and the access counters (reads in between must keep counting).
     */
    public static final Set<String> MOVING = Set.of("version", "updated_at", "access_count", "accessed_at");

    private static final String ASSIGN = String.join(", ", WRITABLE) + ") = (SELECT "
            + String.join(", ", WRITABLE.stream().map(c -> "r." + c).toList());

    private final Db db;
    private final ObjectMapper json;
    private final EventOutbox events;

    public MemoryRows(Db db, ObjectMapper json, EventOutbox events) {
        this.db = db;
        this.json = json;
        this.events = events;
    }

    /** The rows, locked until the transaction ends (in id order, so concurrent callers cannot deadlock). */
    public Map<UUID, ObjectNode> lock(Collection<UUID> ids) {
        Map<UUID, ObjectNode> rows = new LinkedHashMap<>();
        db.list(
                        "SELECT m.id, to_jsonb(m) AS row FROM memories m WHERE m.id = ANY(?::uuid[]) "
                                + "ORDER BY m.id FOR UPDATE",
                        rs -> Map.entry(Db.uuid(rs, "id"), (ObjectNode) read(rs.getString("row"))),
                        ids)
                .forEach(e -> rows.put(e.getKey(), e.getValue()));
        return rows;
    }

    /** Whether two rows hold the same values in every column but {@link #MOVING}. */
    public static boolean sameContent(JsonNode a, JsonNode b) {
        ObjectNode left = a.deepCopy();
        ObjectNode right = b.deepCopy();
        left.remove(MOVING);
        right.remove(MOVING);
        return left.equals(right);
    }

    /**
     * Writes the {@link #WRITABLE} columns of {@code after} over the memory as its next version,
     * records {@code change} in its history with every column that differs from {@code before}
     * (and {@code dream_action}: the action that made it), and announces it.
     *
     * @return the row as written
     */
    public ObjectNode write(
            UUID memoryId, JsonNode before, JsonNode after, UUID actorId, String change, UUID actionId, Instant now) {
        int version = db.one(
                        "UPDATE memories m SET (" + ASSIGN
                                + " FROM jsonb_populate_record(NULL::memories, ?::jsonb) r), "
                                + "version = m.version + 1, updated_at = ? WHERE m.id = ? RETURNING m.version",
                        rs -> rs.getInt(1),
                        new Db.Json(after.toString()),
                        now,
                        memoryId)
                .orElseThrow(() -> new IllegalStateException("Memory " + memoryId + " vanished under its lock"));
        ObjectNode changes = json.createObjectNode();
        for (String column : WRITABLE) {
            JsonNode from = before.path(column);
            JsonNode to = after.path(column);
            if (!Objects.equals(from, to)) {
                ObjectNode entry = changes.putObject(column);
                entry.set("from", from);
                entry.set("to", to);
            }
        }
        ObjectNode link = changes.putObject("dream_action");
        link.putNull("from");
        link.put("to", actionId.toString());
        db.update(
                "INSERT INTO memory_versions (memory_id, version, changed_by, changed_at, change, changes) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                memoryId,
                version,
                actorId,
                now,
                change,
                new Db.Json(changes.toString()));
        boolean archived = "archived".equals(after.path("state").asText())
                && !"archived".equals(before.path("state").asText());
        events.hub(
                EventType.MEMORIES_CHANGED,
                UUID.fromString(after.path("hub_id").asText()),
                actorId,
                memoryId,
                Map.of("action", archived ? "archived" : "updated", "dream_action_id", actionId.toString()));
        return lock(List.of(memoryId)).get(memoryId);
    }

    /**
     * Deletes a memory a dream created, unless it changed since ({@code version} moved on): false
     * then. A memory already gone counts as deleted.
     */
    public boolean deleteCreated(UUID memoryId, int version, UUID actorId, UUID actionId) {
        ObjectNode row = lock(List.of(memoryId)).get(memoryId);
        if (row == null) {
            return true;
        }
        if (row.path("version").asInt() != version) {
            return false;
        }
        db.update("DELETE FROM memories WHERE id = ?", memoryId);
        events.hub(
                EventType.MEMORIES_CHANGED,
                UUID.fromString(row.path("hub_id").asText()),
                actorId,
                memoryId,
                Map.of("action", "deleted", "dream_action_id", actionId.toString()));
        return true;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
