package dev.memax.server.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL of {@code notifications} (migration V7). Every read and change is scoped to the owning user. */
@Singleton
public class NotificationRepository {
    private static final String COLUMNS =
            "SELECT id, user_id, hub_id, kind, title, body, data, status, seen_at, resolved_at, "
                    + "resolution, created_at, updated_at FROM notifications ";
    private final Db db;
    private final ObjectMapper json;

    public NotificationRepository(Db db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The filters of a listing; null fields do not filter. */
    record Filters(
            UUID hubId,
            String status,
            List<String> kinds,
            List<String> resolutions,
            boolean unseenOnly,
            Instant since) {}

    private Notification map(ResultSet rs) throws SQLException {
        NotificationKind kind = NotificationKind.fromWire(rs.getString("kind"));
        String state = rs.getString("status");
        Instant seenAt = Db.instant(rs, "seen_at");
        JsonNode data;
        try {
            data = json.readTree(rs.getString("data"));
        } catch (JsonProcessingException e) {
            throw new SQLException("notification data is not JSON", e);
        }
        String sourceId =
                kind.sourceField() == null ? "" : data.path(kind.sourceField()).asText("");
        return new Notification(
                Db.uuid(rs, "id"),
                Notification.AUDIENCE,
                Db.uuid(rs, "user_id"),
                kind,
                Db.uuid(rs, "hub_id"),
                rs.getString("title"),
                rs.getString("body"),
                data,
                payload(data),
                Notification.memaxStatus(state),
                state,
                seenAt != null,
                seenAt,
                Notification.memaxResolution(rs.getString("resolution")),
                rs.getString("resolution"),
                Db.instant(rs, "resolved_at"),
                Notification.RESOLVED.equals(state) ? List.of() : kind.actions(),
                kind.priority(),
                kind.sourceKind(),
                sourceId.isEmpty() ? null : UUID.fromString(sourceId),
                Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"));
    }

    /** {@code data} with Memax's {@code hub: {id, name}} reference (its invite payload's) when it names a hub. */
    private static JsonNode payload(JsonNode data) {
        if (!data.isObject() || !data.hasNonNull("hub_id") || !data.hasNonNull("hub_name")) {
            return data;
        }
        ObjectNode payload = ((ObjectNode) data).deepCopy();
        payload.putObject("hub")
                .put("id", data.get("hub_id").asText())
                .put("name", data.get("hub_name").asText());
        return payload;
    }

    void insert(
            UUID id,
            UUID userId,
            UUID hubId,
            NotificationKind kind,
            String title,
            String body,
            String data,
            Instant now) {
        db.update(
                "INSERT INTO notifications (id, user_id, hub_id, kind, title, body, data, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                userId,
                hubId,
                kind.toString(),
                title,
                body,
                new Db.Json(data),
                now,
                now);
    }

    Optional<Notification> find(UUID id, UUID userId) {
        return db.one(COLUMNS + "WHERE id = ? AND user_id = ?", this::map, id, userId);
    }

    Optional<Notification> lock(UUID id, UUID userId) {
        return db.one(COLUMNS + "WHERE id = ? AND user_id = ? FOR UPDATE", this::map, id, userId);
    }

    /** Newest first, strictly after ({@code afterCreatedAt}, {@code afterId}) in that order. */
    List<Notification> page(UUID userId, Filters filters, Instant afterCreatedAt, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append("WHERE user_id = ?");
        List<Object> args = new ArrayList<>(List.of(userId));
        if (filters.hubId() != null) {
            sql.append(" AND hub_id = ?");
            args.add(filters.hubId());
        }
        if (filters.status() != null) {
            sql.append(" AND status = ?");
            args.add(filters.status());
        }
        if (!filters.kinds().isEmpty()) {
            sql.append(" AND kind = ANY(?::text[])");
            args.add(filters.kinds());
        }
        if (!filters.resolutions().isEmpty()) {
            sql.append(" AND resolution = ANY(?::text[])");
            args.add(filters.resolutions());
        }
        if (filters.unseenOnly()) {
            sql.append(" AND seen_at IS NULL");
        }
        if (filters.since() != null) {
            sql.append(" AND created_at >= ?");
            args.add(filters.since());
        }
        if (afterCreatedAt != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(afterCreatedAt);
            args.add(afterId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return db.list(sql.toString(), this::map, args.toArray());
    }

    /** How many of a kind's notifications are open ({@code pending}) and, of those, not yet seen. */
    record KindCount(long pending, long unseen) {}

    /** The user's open notifications (of one hub, when given) counted by kind. */
    Map<String, KindCount> openByKind(UUID userId, UUID hubId) {
        Map<String, KindCount> counts = new LinkedHashMap<>();
        db.list(
                "SELECT kind, count(*) AS pending, count(*) FILTER (WHERE seen_at IS NULL) AS unseen "
                        + "FROM notifications WHERE user_id = ? AND status = 'open' "
                        + "AND (?::uuid IS NULL OR hub_id = ?::uuid) GROUP BY kind ORDER BY kind",
                rs -> counts.put(rs.getString("kind"), new KindCount(rs.getLong("pending"), rs.getLong("unseen"))),
                userId,
                hubId,
                hubId);
        return counts;
    }

    void markSeen(UUID id, Instant now) {
        db.update(
                "UPDATE notifications SET seen_at = ?, updated_at = ? WHERE id = ? AND seen_at IS NULL", now, now, id);
    }

    /**
     * Marks the user's unseen notifications seen (of these kinds, of one hub, created since a time,
     * when given; null: any); returns their ids.
     */
    List<UUID> markAllSeen(UUID userId, List<String> kinds, UUID hubId, Instant since, Instant now) {
        return db.list(
                "UPDATE notifications SET seen_at = ?, updated_at = ? WHERE user_id = ? AND seen_at IS NULL "
                        + "AND (?::text[] IS NULL OR kind = ANY(?::text[])) AND (?::uuid IS NULL OR hub_id = ?::uuid) "
                        + "AND (?::timestamptz IS NULL OR created_at >= ?) RETURNING id",
                rs -> Db.uuid(rs, "id"),
                now,
                now,
                userId,
                kinds,
                kinds,
                hubId,
                hubId,
                since,
                since);
    }

    /** Dismisses the user's open notifications of these kinds (one hub's, those since a time, when given); their ids. */
    List<UUID> dismissAll(UUID userId, List<String> kinds, UUID hubId, Instant since, Instant now) {
        return db.list(
                "UPDATE notifications SET status = 'dismissed', seen_at = coalesce(seen_at, ?), updated_at = ? "
                        + "WHERE user_id = ? AND status = 'open' AND kind = ANY(?::text[]) "
                        + "AND (?::uuid IS NULL OR hub_id = ?::uuid) AND (?::timestamptz IS NULL OR created_at >= ?) "
                        + "RETURNING id",
                rs -> Db.uuid(rs, "id"),
                now,
                now,
                userId,
                kinds,
                hubId,
                hubId,
                since,
                since);
    }

    /** Replaces the notification's data (its items changed). */
    void updateData(UUID id, String data, Instant now) {
        db.update("UPDATE notifications SET data = ?, updated_at = ? WHERE id = ?", new Db.Json(data), now, id);
    }

    void setStatus(UUID id, String status, String resolution, Instant now) {
        db.update(
                "UPDATE notifications SET status = ?, resolution = ?, resolved_at = CASE WHEN ? = 'resolved' "
                        + "THEN ?::timestamptz END, seen_at = coalesce(seen_at, ?), updated_at = ? WHERE id = ?",
                status,
                resolution,
                status,
                now,
                now,
                now,
                id);
    }

    /** The unresolved notifications of a kind whose {@code data} names this entity, e.g. an invite. */
    List<UserNotification> unresolvedAbout(NotificationKind kind, String dataField, UUID entityId) {
        return db.list(
                "SELECT id, user_id FROM notifications WHERE kind = ? AND status <> 'resolved' "
                        + "AND data ->> ? = ? FOR UPDATE",
                rs -> new UserNotification(Db.uuid(rs, "id"), Db.uuid(rs, "user_id")),
                kind.toString(),
                dataField,
                entityId.toString());
    }

    record UserNotification(UUID id, UUID userId) {}

    /** How many of the user's notifications about the hub are open (a hub summary's {@code inbox}). */
    public long countOpen(UUID userId, UUID hubId) {
        return db.one(
                        "SELECT count(*) AS n FROM notifications WHERE user_id = ? AND hub_id = ? AND status = 'open'",
                        rs -> rs.getLong("n"),
                        userId,
                        hubId)
                .orElse(0L);
    }
}
