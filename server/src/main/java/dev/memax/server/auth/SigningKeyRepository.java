package dev.memax.server.auth;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

@Singleton
public class SigningKeyRepository {
    private final Db db;

    public SigningKeyRepository(Db db) {
        this.db = db;
    }

    /** A stored key: its public JWK (JSON) and the encrypted private JWK. */
    public record StoredKey(String kid, String publicJwk, byte[] privateKeyEncrypted, Instant createdAt) {}

    /** Every key not yet retired, newest first. */
    public List<StoredKey> active() {
        return db.list(
                "SELECT kid, public_jwk, private_key_encrypted, created_at FROM signing_keys "
                        + "WHERE retired_at IS NULL ORDER BY created_at DESC, kid DESC",
                rs -> new StoredKey(
                        rs.getString("kid"),
                        rs.getString("public_jwk"),
                        rs.getBytes("private_key_encrypted"),
                        Db.instant(rs, "created_at")));
    }

    public void insert(String kid, String algorithm, String publicJwk, byte[] privateKeyEncrypted, Instant now) {
        db.update(
                "INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key_encrypted, created_at) VALUES (?, ?, ?, ?, ?)",
                kid,
                algorithm,
                publicJwk,
                privateKeyEncrypted,
                now);
    }

    /** Serialises first-key creation across instances (released at transaction end). */
    public void lockForCreation() {
        db.one("SELECT pg_advisory_xact_lock(hashtext('memax.signing_keys'))", rs -> Boolean.TRUE);
    }

    /**
     * Retires keys superseded by a newer key for longer than {@code grace} (the access-token
     * lifetime plus skew), so no valid token can still carry their kid.
     */
    public int retireSuperseded(Duration grace, Instant now) {
        return db.update(
                "UPDATE signing_keys k SET retired_at = ? WHERE retired_at IS NULL AND EXISTS ("
                        + "SELECT 1 FROM signing_keys newer WHERE newer.retired_at IS NULL "
                        + "AND newer.created_at > k.created_at AND newer.created_at < ?)",
                now,
                now.minus(grace));
    }
}
