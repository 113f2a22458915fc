package dev.memax.server.plan;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class PlanRepository {
    private static final String COLUMNS = "p.id, p.name, p.memory_limit, p.monthly_pushes, p.monthly_recalls, "
            + "p.monthly_asks, p.storage_bytes, p.max_upload_bytes, p.heavy_per_minute, p.regular_per_minute, "
            + "p.light_per_minute, p.dreams";
    private final Db db;

    public PlanRepository(Db db) {
        this.db = db;
    }

    List<Plan> all() {
        return db.list("SELECT " + COLUMNS + " FROM plans p ORDER BY p.position", PlanRepository::map);
    }

    Optional<Plan> find(String id) {
        return db.one("SELECT " + COLUMNS + " FROM plans p WHERE p.id = ?", PlanRepository::map, id);
    }

    Optional<Plan> ofUser(UUID userId) {
        return db.one(
                "SELECT " + COLUMNS + " FROM plans p JOIN users u ON u.plan = p.id WHERE u.id = ?",
                PlanRepository::map,
                userId);
    }

    /** Moves the user to the plan; false when there is no such user. */
    boolean assign(UUID userId, String planId) {
        return db.update("UPDATE users SET plan = ?, updated_at = now() WHERE id = ?", planId, userId) == 1;
    }

    private static Plan map(ResultSet rs) throws SQLException {
        return new Plan(
                rs.getString("id"),
                rs.getString("name"),
                nullableLong(rs, "memory_limit"),
                nullableLong(rs, "monthly_pushes"),
                nullableLong(rs, "monthly_recalls"),
                nullableLong(rs, "monthly_asks"),
                nullableLong(rs, "storage_bytes"),
                nullableLong(rs, "max_upload_bytes"),
                rs.getInt("heavy_per_minute"),
                rs.getInt("regular_per_minute"),
                rs.getInt("light_per_minute"),
                rs.getBoolean("dreams"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
