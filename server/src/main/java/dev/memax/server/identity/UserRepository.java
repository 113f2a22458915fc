package dev.memax.server.identity;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class UserRepository {
    static final String COLUMNS =
            "id, email, name, password_hash, is_admin, plan, settings::text AS settings, created_at, updated_at";
    private final Db db;

    public UserRepository(Db db) {
        this.db = db;
    }

    public static User map(ResultSet rs) throws SQLException {
        return new User(
                Db.uuid(rs, "id"),
                rs.getString("email"),
                rs.getString("name"),
                rs.getString("password_hash"),
                rs.getBoolean("is_admin"),
                rs.getString("plan"),
                rs.getString("settings"),
                Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"));
    }

    public void insert(User user) {
        db.update(
                "INSERT INTO users (id, email, name, password_hash, is_admin, plan, settings, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user.id(),
                user.email(),
                user.name(),
                user.passwordHash(),
                user.admin(),
                user.plan(),
                new Db.Json(user.settingsJson()),
                user.createdAt(),
                user.updatedAt());
    }

    public Optional<User> findById(UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM users WHERE id = ?", UserRepository::map, id);
    }

    public Optional<User> findByEmail(String email) {
        return db.one("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)", UserRepository::map, email);
    }

    public boolean exists(String email) {
        return db.count("SELECT count(*) FROM users WHERE lower(email) = lower(?)", email) > 0;
    }

    public long count() {
        return db.count("SELECT count(*) FROM users");
    }

    public void updateProfile(UUID id, String name, String settingsJson, Instant now) {
        db.update(
                "UPDATE users SET name = ?, settings = ?, updated_at = ? WHERE id = ?",
                name,
                new Db.Json(settingsJson),
                now,
                id);
    }

    public void updatePasswordHash(UUID id, String passwordHash, Instant now) {
        db.update("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", passwordHash, now, id);
    }
}
