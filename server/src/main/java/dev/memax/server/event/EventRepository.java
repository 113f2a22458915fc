package dev.memax.server.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL of the outbox table: the relay's publication pass, reads by position, retention. */
@Singleton
public class EventRepository {
    static final String COLUMNS =
            "seq, type, hub_id, user_id, actor_id, entity_id, payload::text AS payload, created_at";
    private final Db db;
    private final ObjectMapper json;

    public EventRepository(Db db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * One publication pass on the relay's own connection (it holds the relay lock): numbers the
     * oldest unpublished rows whose transaction is older than every running one, in id order,
     * and returns them in seq order. Seq values come from {@code event_seq} in one block; only
     * the lock holder draws from it, so the block is contiguous.
     */
    List<PublishedEvent> publishBatch(Connection connection, int limit) throws SQLException {
        connection.setAutoCommit(false);
        try {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM events WHERE seq IS NULL AND xid < pg_snapshot_xmin(pg_current_snapshot()) "
                            + "ORDER BY id LIMIT ?")) {
                select.setInt(1, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                connection.commit();
                return List.of();
            }
            long last;
            try (PreparedStatement block =
                    connection.prepareStatement("SELECT setval('event_seq', nextval('event_seq') + ? - 1)")) {
                block.setInt(1, ids.size());
                try (ResultSet rs = block.executeQuery()) {
                    rs.next();
                    last = rs.getLong(1);
                }
            }
            Long[] seqs = new Long[ids.size()];
            for (int i = 0; i < seqs.length; i++) {
                seqs[i] = last - seqs.length + 1 + i;
            }
            List<PublishedEvent> published = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE events e SET seq = v.seq FROM unnest(?::bigint[], ?::bigint[]) AS v(id, seq) "
                            + "WHERE e.id = v.id RETURNING e.seq, e.type, e.hub_id, e.user_id, e.actor_id, e.entity_id, "
                            + "e.payload::text AS payload, e.created_at")) {
                update.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                update.setArray(2, connection.createArrayOf("bigint", seqs));
                try (ResultSet rs = update.executeQuery()) {
                    while (rs.next()) {
                        published.add(map(rs));
                    }
                }
            }
            connection.commit();
            published.sort(java.util.Comparator.comparingLong(PublishedEvent::seq));
            return published;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Whether rows wait for publication (the relay then polls fast: an older transaction blocks them). */
    boolean hasUnpublished(Connection connection) throws SQLException {
        try (PreparedStatement check =
                        connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM events WHERE seq IS NULL)");
                ResultSet rs = check.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Records, on the relay's own connection, that {@code relayId} relays from now on: written
     * before its first publication, so a receiver that looks it up after a message finds it.
     */
    void claimRelay(Connection connection, String relayId) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement claim =
                connection.prepareStatement("INSERT INTO event_relay (singleton, relay_id) VALUES (true, ?) "
                        + "ON CONFLICT (singleton) DO UPDATE SET relay_id = excluded.relay_id, since = now()")) {
            claim.setString(1, relayId);
            claim.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /** The id of the instance relaying now (null before any relay ran). */
    String currentRelay() {
        return db.list("SELECT relay_id FROM event_relay", rs -> rs.getString(1)).stream()
                .findFirst()
                .orElse(null);
    }

    /** Published events after a position, in order. */
    public List<PublishedEvent> after(long seq, long upTo, int limit) {
        return db.list(
                "SELECT " + COLUMNS + " FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                this::map,
                seq,
                upTo,
                limit);
    }

    /** The highest published position (0 before any). */
    public long latest() {
        return db.count("SELECT coalesce(max(seq), 0) FROM events WHERE seq IS NOT NULL");
    }

    /** The lowest position still stored, or -1 when no published event is. */
    public long oldest() {
        return db.count("SELECT coalesce(min(seq), -1) FROM events WHERE seq IS NOT NULL");
    }

    /** Deletes published events created before {@code cutoff}; returns how many. */
    public int deleteBefore(Instant cutoff) {
        return db.update("DELETE FROM events WHERE seq IS NOT NULL AND created_at < ?", cutoff);
    }

    private PublishedEvent map(ResultSet rs) throws SQLException {
        try {
            return new PublishedEvent(
                    rs.getLong("seq"),
                    rs.getString("type"),
                    Db.uuid(rs, "hub_id"),
                    Db.uuid(rs, "user_id"),
                    Db.uuid(rs, "actor_id"),
                    Db.uuid(rs, "entity_id"),
                    json.readTree(rs.getString("payload")),
                    Db.instant(rs, "created_at"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
