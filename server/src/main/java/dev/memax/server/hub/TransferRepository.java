package dev.memax.server.hub;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class TransferRepository {
    private static final String COLUMNS = "id, hub_id, from_user, to_user, created_at";
    private final Db db;

    public TransferRepository(Db db) {
        this.db = db;
    }

    static Transfer map(ResultSet rs) throws SQLException {
        return Transfer.offered(
                Db.uuid(rs, "id"),
                Db.uuid(rs, "hub_id"),
                Db.uuid(rs, "from_user"),
                Db.uuid(rs, "to_user"),
                Db.instant(rs, "created_at"));
    }

    /** Records the offer, replacing a pending one (a hub has at most one). */
    public void upsert(Transfer transfer) {
        db.update(
                "INSERT INTO hub_ownership_transfers (id, hub_id, from_user, to_user, created_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (hub_id) DO UPDATE SET id = EXCLUDED.id, from_user = EXCLUDED.from_user, "
                        + "to_user = EXCLUDED.to_user, created_at = EXCLUDED.created_at",
                transfer.id(),
                transfer.hubId(),
                transfer.fromUserId(),
                transfer.toUserId(),
                transfer.createdAt());
    }

    public Optional<Transfer> find(UUID hubId) {
        return db.one(
                "SELECT " + COLUMNS + " FROM hub_ownership_transfers WHERE hub_id = ?", TransferRepository::map, hubId);
    }

    public boolean delete(UUID hubId) {
        return db.update("DELETE FROM hub_ownership_transfers WHERE hub_id = ?", hubId) == 1;
    }

    /** Withdraws an offer made to a user who is leaving the hub. */
    public void deleteOfferedTo(UUID hubId, UUID userId) {
        db.update("DELETE FROM hub_ownership_transfers WHERE hub_id = ? AND to_user = ?", hubId, userId);
    }
}
