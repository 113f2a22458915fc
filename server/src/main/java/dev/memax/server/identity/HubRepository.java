package dev.memax.server.identity;

import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

@Singleton
public class HubRepository {
    static final String COLUMNS =
            "h.id, h.name, h.slug, h.hub_type, h.owner_id, h.description, h.time_zone, h.created_at, h.updated_at";
    /** The unique index on lower(slug) (V2__identity.sql). */
    static final String SLUG_INDEX = "hubs_slug_key";

    private final Db db;

    public HubRepository(Db db) {
        this.db = db;
    }

    public static Hub map(ResultSet rs) throws SQLException {
        return new Hub(
                Db.uuid(rs, "id"),
                rs.getString("name"),
                rs.getString("slug"),
                HubType.fromWire(rs.getString("hub_type")),
                Db.uuid(rs, "owner_id"),
                rs.getString("description"),
                rs.getString("time_zone"),
                Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"));
    }

    public void insert(Hub hub) {
        db.update(
                "INSERT INTO hubs (id, name, slug, hub_type, owner_id, description, time_zone, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                hub.id(),
                hub.name(),
                hub.slug(),
                hub.hubType(),
                hub.ownerId(),
                hub.description(),
                hub.timeZone(),
                hub.createdAt(),
                hub.updatedAt());
    }

    /**
     * Inserts the hub unless its slug is taken (case-insensitively), including by a hub committed
     * concurrently; false when taken. Never fails the surrounding transaction.
     */
    public boolean insertIfSlugFree(Hub hub) {
        return db.update(
                        "INSERT INTO hubs (id, name, slug, hub_type, owner_id, description, time_zone, created_at, "
                                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        hub.id(),
                        hub.name(),
                        hub.slug(),
                        hub.hubType(),
                        hub.ownerId(),
                        hub.description(),
                        hub.timeZone(),
                        hub.createdAt(),
                        hub.updatedAt())
                == 1;
    }

    public Optional<Hub> findById(UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM hubs h WHERE h.id = ?", HubRepository::map, id);
    }

    /**
     * Reads the hub and locks its row until the transaction ends: every change to a hub's
     * membership takes this lock first, so rules such as "the last owner stays" hold under
     * concurrent requests. (NO KEY UPDATE: rows referencing the hub can still be inserted.)
     */
    public Optional<Hub> lock(UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM hubs h WHERE h.id = ? FOR NO KEY UPDATE", HubRepository::map, id);
    }

    public Optional<Hub> findPersonal(UUID ownerId) {
        return db.one(
                "SELECT " + COLUMNS + " FROM hubs h WHERE h.owner_id = ? AND h.hub_type = 'personal'",
                HubRepository::map,
                ownerId);
    }

    public boolean slugTaken(String slug) {
        return db.count("SELECT count(*) FROM hubs WHERE lower(slug) = lower(?)", slug) > 0;
    }

    /** Ids of every hub the user is a member of. */
    public List<UUID> memberHubIds(UUID userId) {
        return db.list("SELECT hub_id FROM hub_members WHERE user_id = ?", rs -> Db.uuid(rs, "hub_id"), userId);
    }

    /** Every hub the user is a member of with the user's role: the personal hub first, then by name. */
    public List<HubAccess> listForMember(UUID userId) {
        return db.list(
                "SELECT " + COLUMNS + ", m.role FROM hub_members m JOIN hubs h ON h.id = m.hub_id "
                        + "WHERE m.user_id = ? ORDER BY (h.hub_type = 'personal') DESC, lower(h.name), h.name, h.id",
                rs -> new HubAccess(map(rs), HubRole.fromWire(rs.getString("role"))),
                userId);
    }

    /**
     * Saves name, slug, description and time zone; a slug another hub holds (even one committed
     * concurrently) is a conflict.
     */
    public void update(UUID id, String name, String slug, String description, String timeZone, Instant now) {
        try {
            db.update(
                    "UPDATE hubs SET name = ?, slug = ?, description = ?, time_zone = ?, updated_at = ? WHERE id = ?",
                    name,
                    slug,
                    description,
                    timeZone,
                    now,
                    id);
        } catch (RuntimeException e) {
            if (violates(e, SLUG_INDEX)) {
                throw slugTakenConflict(slug);
            }
            throw e;
        }
    }

    public void setOwner(UUID id, UUID ownerId, Instant now) {
        db.update("UPDATE hubs SET owner_id = ?, updated_at = ? WHERE id = ?", ownerId, now, id);
    }

    /** Deletes the hub; its members, invites and pending transfer go with it (ON DELETE CASCADE). */
    public boolean delete(UUID id) {
        return db.update("DELETE FROM hubs WHERE id = ?", id) == 1;
    }

    /** Memories in each hub that have not expired (hubs without any are absent from the map). */
    public Map<UUID, Long> memoryCounts(Collection<UUID> hubIds) {
        Map<UUID, Long> counts = new HashMap<>();
        db.list(
                "SELECT hub_id, count(*) AS n FROM memories WHERE hub_id = ANY(?::uuid[]) "
                        + "AND (expires_at IS NULL OR expires_at > now()) GROUP BY hub_id",
                rs -> counts.put(Db.uuid(rs, "hub_id"), rs.getLong("n")),
                hubIds);
        return counts;
    }

    /** The hub's active topics (the hub summary's {@code topics}; the topic capability owns the table). */
    public long activeTopicCount(UUID hubId) {
        return db.count("SELECT count(*) FROM topics WHERE hub_id = ? AND archived_at IS NULL", hubId);
    }

    /** The hub entry with the hub's count of unexpired memories. */
    public HubEntry entry(HubAccess access) {
        return HubEntry.of(
                access,
                memoryCounts(List.of(access.hub().id()))
                        .getOrDefault(access.hub().id(), 0L));
    }

    public static ApiException slugTakenConflict(String slug) {
        return ApiException.conflict("The slug '" + slug + "' is already taken");
    }

    /** Whether a failure is a unique violation of the named index (the JDBC layer wraps the SQLException). */
    static boolean violates(Throwable failure, String index) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PSQLException psql && "23505".equals(psql.getSQLState())) {
                ServerErrorMessage message = psql.getServerErrorMessage();
                return message != null && index.equals(message.getConstraint());
            }
        }
        return false;
    }
}
