package dev.memax.server.hub;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class HubMemberRepository {
    private final Db db;

    public HubMemberRepository(Db db) {
        this.db = db;
    }

    public void insert(UUID hubId, UUID userId, HubRole role, Instant now) {
        db.update("INSERT INTO hub_members (hub_id, user_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                hubId, userId, role, now, now);
    }

    /** Adds a member unless the user already is one; false when it already was (the transaction stays usable). */
    public boolean insertIfAbsent(UUID hubId, UUID userId, HubRole role, Instant now) {
        return db.update("INSERT INTO hub_members (hub_id, user_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (hub_id, user_id) DO NOTHING", hubId, userId, role, now, now) == 1;
    }

    public Optional<HubRole> findRole(UUID hubId, UUID userId) {
        return db.one("SELECT role FROM hub_members WHERE hub_id = ? AND user_id = ?",
                rs -> HubRole.fromWire(rs.getString("role")), hubId, userId);
    }
}
