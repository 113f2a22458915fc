package dev.memax.server.account;

import dev.memax.server.identity.User;
import dev.memax.server.identity.UserRepository;
import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Profile and settings changes of one's own account. */
@Singleton
public class AccountRepository {
    private static final String COLUMNS =
            "id, email, name, password_hash, is_admin, plan, settings::text AS settings, created_at, updated_at";
    private final Db db;

    public AccountRepository(Db db) {
        this.db = db;
    }

    /** The user row, locked until the transaction ends (settings merges and password changes serialise). */
    public Optional<User> lock(UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM users WHERE id = ? FOR UPDATE", UserRepository::map, id);
    }

    public void updateName(UUID id, String name, Instant now) {
        db.update("UPDATE users SET name = ?, updated_at = ? WHERE id = ?", name, now, id);
    }

    public void updateSettings(UUID id, String settingsJson, Instant now) {
        db.update("UPDATE users SET settings = ?, updated_at = ? WHERE id = ?", new Db.Json(settingsJson), now, id);
    }
}
