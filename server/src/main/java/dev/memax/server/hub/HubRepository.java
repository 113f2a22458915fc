package dev.memax.server.hub;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class HubRepository {
    static final String COLUMNS = "h.id, h.name, h.slug, h.hub_type, h.owner_id, h.description, h.created_at, h.updated_at";
    private final Db db;

    public HubRepository(Db db) {
        this.db = db;
    }

    public static Hub map(ResultSet rs) throws SQLException {
        return new Hub(Db.uuid(rs, "id"), rs.getString("name"), rs.getString("slug"),
                HubType.fromWire(rs.getString("hub_type")), Db.uuid(rs, "owner_id"), rs.getString("description"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }

    public void insert(Hub hub) {
        db.update("INSERT INTO hubs (id, name, slug, hub_type, owner_id, description, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                hub.id(), hub.name(), hub.slug(), hub.hubType(), hub.ownerId(), hub.description(),
                hub.createdAt(), hub.updatedAt());
    }

    public Optional<Hub> findById(UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM hubs h WHERE h.id = ?", HubRepository::map, id);
    }

    public Optional<Hub> findPersonal(UUID ownerId) {
        return db.one("SELECT " + COLUMNS + " FROM hubs h WHERE h.owner_id = ? AND h.hub_type = 'personal'",
                HubRepository::map, ownerId);
    }

    public boolean slugTaken(String slug) {
        return db.count("SELECT count(*) FROM hubs WHERE lower(slug) = lower(?)", slug) > 0;
    }

    /** Ids of every hub the user is a member of. */
    public List<UUID> memberHubIds(UUID userId) {
        return db.list("SELECT hub_id FROM hub_members WHERE user_id = ?", rs -> Db.uuid(rs, "hub_id"), userId);
    }
}
