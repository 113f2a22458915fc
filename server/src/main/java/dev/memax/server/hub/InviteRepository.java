package dev.memax.server.hub;

import dev.memax.server.identity.HubRole;
import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class InviteRepository {
    private static final String COLUMNS = "id, hub_id, email, role, created_by, expires_at, revoked_at, accepted_by, "
            + "accepted_at, created_at, updated_at";
    private final Db db;

    public InviteRepository(Db db) {
        this.db = db;
    }

    static Invite map(ResultSet rs) throws SQLException {
        return new Invite(
                Db.uuid(rs, "id"),
                Db.uuid(rs, "hub_id"),
                rs.getString("email"),
                HubRole.fromWire(rs.getString("role")),
                Db.uuid(rs, "created_by"),
                Db.instant(rs, "expires_at"),
                Db.instant(rs, "revoked_at"),
                Db.uuid(rs, "accepted_by"),
                Db.instant(rs, "accepted_at"),
                Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"));
    }

    public void insert(Invite invite, String tokenHash) {
        db.update(
                "INSERT INTO hub_invites (id, hub_id, token_hash, email, role, created_by, expires_at, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                invite.id(),
                invite.hubId(),
                tokenHash,
                invite.email(),
                invite.role(),
                invite.createdBy(),
                invite.expiresAt(),
                invite.createdAt(),
                invite.updatedAt());
    }

    public Optional<Invite> findByTokenHash(String tokenHash) {
        return db.one("SELECT " + COLUMNS + " FROM hub_invites WHERE token_hash = ?", InviteRepository::map, tokenHash);
    }

    /** Same, locking the row until the transaction ends, so an invite is accepted at most once. */
    public Optional<Invite> lockByTokenHash(String tokenHash) {
        return db.one(
                "SELECT " + COLUMNS + " FROM hub_invites WHERE token_hash = ? FOR UPDATE",
                InviteRepository::map,
                tokenHash);
    }

    public Optional<Invite> lock(UUID hubId, UUID id) {
        return db.one(
                "SELECT " + COLUMNS + " FROM hub_invites WHERE hub_id = ? AND id = ? FOR UPDATE",
                InviteRepository::map,
                hubId,
                id);
    }

    /** A hub's invites, newest first, strictly older than {@code before} (null: from the newest). */
    public List<Invite> listBefore(UUID hubId, UUID before, int limit) {
        if (before == null) {
            return db.list(
                    "SELECT " + COLUMNS + " FROM hub_invites WHERE hub_id = ? ORDER BY id DESC LIMIT ?",
                    InviteRepository::map,
                    hubId,
                    limit);
        }
        return db.list(
                "SELECT " + COLUMNS + " FROM hub_invites WHERE hub_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                InviteRepository::map,
                hubId,
                before,
                limit);
    }

    public void markAccepted(UUID id, UUID userId, Instant now) {
        db.update(
                "UPDATE hub_invites SET accepted_by = ?, accepted_at = ?, updated_at = ? WHERE id = ?",
                userId,
                now,
                now,
                id);
    }

    public void markRevoked(UUID id, Instant now) {
        db.update("UPDATE hub_invites SET revoked_at = ?, updated_at = ? WHERE id = ?", now, now, id);
    }

    /** A new token and expiry; the old token's hash is gone, so it no longer matches anything. */
    public void replaceToken(UUID id, String tokenHash, Instant expiresAt, Instant now) {
        db.update(
                "UPDATE hub_invites SET token_hash = ?, expires_at = ?, updated_at = ? WHERE id = ?",
                tokenHash,
                expiresAt,
                now,
                id);
    }
}
