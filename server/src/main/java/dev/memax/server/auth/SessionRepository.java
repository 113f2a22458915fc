package dev.memax.server.auth;

import dev.memax.server.identity.Scope;
import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Login sessions (refresh-token families). Access tokens carry the session id, so revoking a session ends both. */
@Singleton
public class SessionRepository {
    private final Db db;

    public SessionRepository(Db db) {
        this.db = db;
    }

    /** A session as the refresh flow sees it; {@code oauth} is null for the API's own logins. */
    public record Session(
            UUID id, UUID userId, Instant expiresAt, Instant revokedAt, LoginSessions.OAuthBinding oauth) {
        public boolean active(Instant now) {
            return revokedAt == null && expiresAt.isAfter(now);
        }
    }

    private static final String COLUMNS = "id, user_id, expires_at, revoked_at, oauth_client_id, resource, scopes";

    public boolean isActive(UUID sessionId, Instant now) {
        return db.count(
                        "SELECT count(*) FROM auth_sessions WHERE id = ? AND revoked_at IS NULL AND expires_at > ?",
                        sessionId,
                        now)
                > 0;
    }

    /** Inserts a session; {@code oauth} null for the API's own login. */
    public void insert(UUID id, UUID userId, Instant now, Instant expiresAt, LoginSessions.OAuthBinding oauth) {
        db.update(
                "INSERT INTO auth_sessions (id, user_id, created_at, expires_at, oauth_client_id, resource, scopes) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?::text[])",
                id,
                userId,
                now,
                expiresAt,
                oauth == null ? null : oauth.clientId(),
                oauth == null ? null : oauth.resource(),
                oauth == null
                        ? null
                        : oauth.scopes().stream().map(Scope::toString).toList());
    }

    /** Locks the session row until the transaction ends, so a revocation and a refresh cannot interleave. */
    public Optional<Session> lock(UUID id) {
        return db.one(
                "SELECT " + COLUMNS + " FROM auth_sessions WHERE id = ? FOR UPDATE", SessionRepository::session, id);
    }

    /** The session a refresh token belongs to, whatever the token's state. */
    public Optional<Session> ofRefreshToken(String tokenHash) {
        return db.one(
                "SELECT s.id, s.user_id, s.expires_at, s.revoked_at, s.oauth_client_id, s.resource, s.scopes "
                        + "FROM auth_sessions s JOIN refresh_tokens r ON r.session_id = s.id WHERE r.token_hash = ?",
                SessionRepository::session,
                tokenHash);
    }

    /** Revokes the sessions one OAuth client holds for a user (their consent was withdrawn). */
    public int revokeOfClient(UUID userId, String clientId, String reason, Instant now) {
        return db.update(
                "UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? "
                        + "WHERE user_id = ? AND oauth_client_id = ? AND revoked_at IS NULL",
                now,
                reason,
                userId,
                clientId);
    }

    private static Session session(ResultSet rs) throws SQLException {
        String clientId = rs.getString("oauth_client_id");
        LoginSessions.OAuthBinding oauth = clientId == null
                ? null
                : new LoginSessions.OAuthBinding(
                        clientId,
                        rs.getString("resource"),
                        Scope.parseWire(String.join(" ", Db.strings(rs, "scopes"))));
        return new Session(
                Db.uuid(rs, "id"),
                Db.uuid(rs, "user_id"),
                Db.instant(rs, "expires_at"),
                Db.instant(rs, "revoked_at"),
                oauth);
    }

    /** Sliding expiry: a session lives as long as its newest refresh token. */
    public void extend(UUID id, Instant expiresAt) {
        db.update("UPDATE auth_sessions SET expires_at = ? WHERE id = ? AND expires_at < ?", expiresAt, id, expiresAt);
    }

    /** Revokes one session (no-op when already revoked); returns whether it was active. */
    public boolean revoke(UUID id, String reason, Instant now) {
        return db.update(
                        "UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL",
                        now,
                        reason,
                        id)
                > 0;
    }

    /** Revokes one of the user's sessions, found by id; nothing happens for another user's session. */
    public boolean revokeOwned(UUID id, UUID userId, String reason, Instant now) {
        return db.update(
                        "UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? "
                                + "WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                        now,
                        reason,
                        id,
                        userId)
                > 0;
    }

    /** Revokes every session of the user except {@code keep} (null: all of them). */
    public int revokeAllExcept(UUID userId, UUID keep, String reason, Instant now) {
        return db.update(
                "UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? "
                        + "WHERE user_id = ? AND revoked_at IS NULL AND (?::uuid IS NULL OR id <> ?::uuid)",
                now,
                reason,
                userId,
                keep,
                keep);
    }

    /** Deletes sessions (and, by cascade, their refresh tokens) that ended before {@code cutoff}. */
    public int deleteEndedBefore(Instant cutoff) {
        return db.update("DELETE FROM auth_sessions WHERE expires_at < ? OR revoked_at < ?", cutoff, cutoff);
    }
}
