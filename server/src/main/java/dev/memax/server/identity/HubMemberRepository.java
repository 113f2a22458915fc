package dev.memax.server.identity;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class HubMemberRepository {
    private static final String MEMBER = "SELECT m.user_id, u.email, u.name, m.role, m.created_at AS joined_at "
            + "FROM hub_members m JOIN users u ON u.id = m.user_id ";
    private final Db db;

    public HubMemberRepository(Db db) {
        this.db = db;
    }

    static Member map(ResultSet rs) throws SQLException {
        return new Member(
                Db.uuid(rs, "user_id"),
                rs.getString("email"),
                rs.getString("name"),
                HubRole.fromWire(rs.getString("role")),
                Db.instant(rs, "joined_at"));
    }

    public void insert(UUID hubId, UUID userId, HubRole role, Instant now) {
        db.update(
                "INSERT INTO hub_members (hub_id, user_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                hubId,
                userId,
                role,
                now,
                now);
    }

    /** Adds a member unless the user already is one; false when it already was (the transaction stays usable). */
    public boolean insertIfAbsent(UUID hubId, UUID userId, HubRole role, Instant now) {
        return db.update(
                        "INSERT INTO hub_members (hub_id, user_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                                + "ON CONFLICT (hub_id, user_id) DO NOTHING",
                        hubId,
                        userId,
                        role,
                        now,
                        now)
                == 1;
    }

    public Optional<HubRole> findRole(UUID hubId, UUID userId) {
        return db.one(
                "SELECT role FROM hub_members WHERE hub_id = ? AND user_id = ?",
                rs -> HubRole.fromWire(rs.getString("role")),
                hubId,
                userId);
    }

    public Optional<Member> find(UUID hubId, UUID userId) {
        return db.one(MEMBER + "WHERE m.hub_id = ? AND m.user_id = ?", HubMemberRepository::map, hubId, userId);
    }

    /** Members in the order they joined (ties by user id), strictly after the given position (null: from the start). */
    public List<Member> listAfter(UUID hubId, Instant afterJoinedAt, UUID afterUserId, int limit) {
        if (afterJoinedAt == null) {
            return db.list(
                    MEMBER + "WHERE m.hub_id = ? ORDER BY m.created_at, m.user_id LIMIT ?",
                    HubMemberRepository::map,
                    hubId,
                    limit);
        }
        return db.list(
                MEMBER + "WHERE m.hub_id = ? AND (m.created_at, m.user_id) > (?, ?) "
                        + "ORDER BY m.created_at, m.user_id LIMIT ?",
                HubMemberRepository::map,
                hubId,
                afterJoinedAt,
                afterUserId,
                limit);
    }

    public long count(UUID hubId) {
        return db.count("SELECT count(*) FROM hub_members WHERE hub_id = ?", hubId);
    }

    public long countWithRole(UUID hubId, HubRole role) {
        return db.count("SELECT count(*) FROM hub_members WHERE hub_id = ? AND role = ?", hubId, role);
    }

    public void updateRole(UUID hubId, UUID userId, HubRole role, Instant now) {
        db.update(
                "UPDATE hub_members SET role = ?, updated_at = ? WHERE hub_id = ? AND user_id = ?",
                role,
                now,
                hubId,
                userId);
    }

    /** Every member holding {@code from}, except one user, now holds {@code to}. */
    public void changeRoleOfOthers(UUID hubId, UUID except, HubRole from, HubRole to, Instant now) {
        db.update(
                "UPDATE hub_members SET role = ?, updated_at = ? WHERE hub_id = ? AND role = ? AND user_id <> ?",
                to,
                now,
                hubId,
                from,
                except);
    }

    public List<UUID> userIdsWithRole(UUID hubId, HubRole role) {
        return db.list(
                "SELECT user_id FROM hub_members WHERE hub_id = ? AND role = ? ORDER BY user_id",
                rs -> Db.uuid(rs, "user_id"),
                hubId,
                role);
    }

    /** Every member's user id. */
    public List<UUID> userIds(UUID hubId) {
        return db.list(
                "SELECT user_id FROM hub_members WHERE hub_id = ? ORDER BY user_id",
                rs -> Db.uuid(rs, "user_id"),
                hubId);
    }

    public boolean delete(UUID hubId, UUID userId) {
        return db.update("DELETE FROM hub_members WHERE hub_id = ? AND user_id = ?", hubId, userId) == 1;
    }

    /** When the member last opened the hub (empty: never). */
    public Optional<Instant> visitedAt(UUID hubId, UUID userId) {
        return db.one(
                "SELECT visited_at FROM hub_members WHERE hub_id = ? AND user_id = ? AND visited_at IS NOT NULL",
                rs -> Db.instant(rs, "visited_at"),
                hubId,
                userId);
    }

    public void markVisited(UUID hubId, UUID userId, Instant now) {
        db.update("UPDATE hub_members SET visited_at = ? WHERE hub_id = ? AND user_id = ?", now, hubId, userId);
    }
}
