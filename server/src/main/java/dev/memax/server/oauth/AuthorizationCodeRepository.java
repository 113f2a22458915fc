package dev.memax.server.oauth;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Authorization codes (only their SHA-256), single use. */
@Singleton
public class AuthorizationCodeRepository {
    private final Db db;

    public AuthorizationCodeRepository(Db db) {
        this.db = db;
    }

    /** A stored code; {@code usedAt} set once it was presented, {@code sessionId} once it issued tokens. */
    public record StoredCode(
            String clientId,
            UUID userId,
            String redirectUri,
            String codeChallenge,
            String resource,
            List<String> scopes,
            Instant expiresAt,
            Instant usedAt,
            UUID sessionId) {}

    public void insert(String codeHash, AuthorizationRequest request, UUID userId, Instant now, Instant expiresAt) {
        db.update(
                "INSERT INTO oauth_codes (code_hash, client_id, user_id, redirect_uri, code_challenge, resource, scopes, "
                        + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?::text[], ?, ?)",
                codeHash,
                request.client().clientId(),
                userId,
                request.redirectUri(),
                request.codeChallenge(),
                request.resource(),
                request.scopeList(),
                now,
                expiresAt);
    }

    /** Locks the code's row until the transaction ends: two exchanges of one code cannot both see it unused. */
    public Optional<StoredCode> lock(String codeHash) {
        return db.one(
                "SELECT client_id, user_id, redirect_uri, code_challenge, resource, scopes, expires_at, used_at, "
                        + "session_id FROM oauth_codes WHERE code_hash = ? FOR UPDATE",
                rs -> new StoredCode(
                        rs.getString("client_id"),
                        Db.uuid(rs, "user_id"),
                        rs.getString("redirect_uri"),
                        rs.getString("code_challenge"),
                        rs.getString("resource"),
                        Db.strings(rs, "scopes"),
                        Db.instant(rs, "expires_at"),
                        Db.instant(rs, "used_at"),
                        Db.uuid(rs, "session_id")),
                codeHash);
    }

    /** Spends the code; {@code sessionId} is what it issued (null when the exchange failed). */
    public void markUsed(String codeHash, Instant now, UUID sessionId) {
        db.update("UPDATE oauth_codes SET used_at = ?, session_id = ? WHERE code_hash = ?", now, sessionId, codeHash);
    }

    /** Deletes codes that expired before {@code cutoff} (their replay window is long over). */
    public int deleteExpiredBefore(Instant cutoff) {
        return db.update("DELETE FROM oauth_codes WHERE expires_at < ?", cutoff);
    }
}
