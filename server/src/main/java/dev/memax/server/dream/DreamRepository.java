package dev.memax.server.dream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL of dream runs and their actions (V20__dreams.sql). */
@Singleton
public class DreamRepository {
    private static final String RUN_COLUMNS =
            "r.id, r.hub_id, r.owner_id, r.triggered_by, r.trigger, r.mode, r.status, "
                    + "r.dry_run, r.phases, r.current_phase, r.last_finished_phase, r.processed, r.total, r.counts, "
                    + "r.phase_metrics, r.report, r.started_at, r.finished_at, r.undone_at";
    private static final String ACTION_COLUMNS = "a.id, a.run_id, a.hub_id, a.phase, a.action_type, a.memory_ids, "
            + "a.source_memory_ids, a.result_memory_id, a.reason, a.score, a.applied, a.created_at, a.undone_at";

    /**
     * The key of {@code after_state} beside the changed rows' ids that holds what the action made
     * ({@link DreamProposal.Make}).
     */
    static final String MADE = "made";

    /** An action with the rows it changed: what undo needs. */
    record ActionRow(DreamAction action, ObjectNode before, ObjectNode after) {}

    /** A hub whose nightly run is due, and its owner. */
    record DueHub(UUID hubId, UUID ownerId) {}

    /** A running run whose lease ran out at {@code leaseUntil}. */
    record ExpiredRun(UUID id, Instant leaseUntil) {}

    private final Db db;
    private final ObjectMapper json;

    public DreamRepository(Db db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Starts a run, unless the hub already has one running (then empty: the partial unique index decides). */
    Optional<DreamRun> insertRun(
            UUID id,
            UUID hubId,
            UUID ownerId,
            UUID triggeredBy,
            String trigger,
            boolean dryRun,
            List<String> phases,
            Instant now,
            Instant leaseUntil) {
        int inserted = db.update(
                "INSERT INTO dream_runs (id, hub_id, owner_id, triggered_by, trigger, status, dry_run, phases, started_at, "
                        + "lease_until) VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?) "
                        + "ON CONFLICT (hub_id) WHERE status = 'running' DO NOTHING",
                id,
                hubId,
                ownerId,
                triggeredBy,
                trigger,
                dryRun,
                phases,
                now,
                leaseUntil);
        return inserted == 1 ? find(id) : Optional.empty();
    }

    Optional<DreamRun> find(UUID id) {
        return db.one("SELECT " + RUN_COLUMNS + " FROM dream_runs r WHERE r.id = ?", this::run, id);
    }

    Optional<DreamRun> running(UUID hubId) {
        return db.one(
                "SELECT " + RUN_COLUMNS + " FROM dream_runs r WHERE r.hub_id = ? AND r.status = 'running'",
                this::run,
                hubId);
    }

    /** When the hub's latest run started (skipped runs did no work and do not count). */
    Optional<Instant> lastStarted(UUID hubId) {
        return db.one(
                "SELECT started_at FROM dream_runs WHERE hub_id = ? AND status <> 'skipped' "
                        + "ORDER BY started_at DESC LIMIT 1",
                rs -> Db.instant(rs, "started_at"),
                hubId);
    }

    /** The hub's runs started at or after {@code since}. */
    long countSince(UUID hubId, Instant since) {
        return db.count(
                "SELECT count(*) FROM dream_runs WHERE hub_id = ? AND started_at >= ? AND status <> 'skipped'",
                hubId,
                since);
    }

    /** Newest first, strictly after the position (started_at, id). */
    List<DreamRun> list(Collection<UUID> hubIds, List<String> after, int limit) {
        if (after == null) {
            return db.list(
                    "SELECT " + RUN_COLUMNS + " FROM dream_runs r WHERE r.hub_id = ANY(?::uuid[]) "
                            + "ORDER BY r.started_at DESC, r.id DESC LIMIT ?",
                    this::run,
                    hubIds,
                    limit);
        }
        return db.list(
                "SELECT " + RUN_COLUMNS + " FROM dream_runs r WHERE r.hub_id = ANY(?::uuid[]) "
                        + "AND (r.started_at, r.id) < (?::timestamptz, ?::uuid) ORDER BY r.started_at DESC, r.id DESC LIMIT ?",
                this::run,
                hubIds,
                after.get(0),
                after.get(1),
                limit);
    }

    Optional<DreamRun> latest(UUID hubId) {
        return db.one(
                "SELECT " + RUN_COLUMNS + " FROM dream_runs r WHERE r.hub_id = ? ORDER BY r.started_at DESC, r.id DESC "
                        + "LIMIT 1",
                this::run,
                hubId);
    }

    /** Takes the run for {@code owner} when it is running and nobody holds a live lease on it. */
    boolean claim(UUID id, String owner, Instant now, Instant until) {
        return db.update(
                        "UPDATE dream_runs SET lease_owner = ?, lease_until = ? WHERE id = ? AND status = 'running' "
                                + "AND (lease_owner IS NULL OR lease_until < ?)",
                        owner,
                        until,
                        id,
                        now)
                == 1;
    }

    /** Extends the lease and records progress; false when the lease was lost (another instance took over). */
    boolean heartbeat(UUID id, String owner, int processed, int total, Instant until) {
        return db.update(
                        "UPDATE dream_runs SET processed = ?, total = ?, lease_until = ? "
                                + "WHERE id = ? AND lease_owner = ? AND status = 'running'",
                        processed,
                        total,
                        until,
                        id,
                        owner)
                == 1;
    }

    boolean startPhase(UUID id, String owner, String phase, Instant until) {
        return db.update(
                        "UPDATE dream_runs SET current_phase = ?, processed = 0, total = 0, lease_until = ? "
                                + "WHERE id = ? AND lease_owner = ? AND status = 'running'",
                        phase,
                        until,
                        id,
                        owner)
                == 1;
    }

    /** Records a phase as finished: its metrics, its counter and the memories scanned. */
    boolean finishPhase(
            UUID id, String owner, String phase, JsonNode metrics, String counter, long added, long scanned) {
        return db.update(
                        "UPDATE dream_runs SET last_finished_phase = ?, current_phase = NULL, "
                                + "phase_metrics = phase_metrics || jsonb_build_object(?::text, ?::jsonb), "
                                + "counts = counts || jsonb_build_object(?::text, coalesce((counts->>?)::bigint, 0) + ?, "
                                + "'memories_scanned', greatest(coalesce((counts->>'memories_scanned')::bigint, 0), ?)) "
                                + "WHERE id = ? AND lease_owner = ? AND status = 'running'",
                        phase,
                        phase,
                        new Db.Json(metrics.toString()),
                        counter,
                        counter,
                        added,
                        scanned,
                        id,
                        owner)
                == 1;
    }

    boolean finish(UUID id, String owner, DreamStatus status, String report, Instant now) {
        return db.update(
                        "UPDATE dream_runs SET status = ?, report = ?, finished_at = ?, current_phase = NULL, "
                                + "lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'running'",
                        status,
                        report,
                        now,
                        id,
                        owner)
                == 1;
    }

    /** Running runs whose lease expired: their instance died (or never started them). */
    List<ExpiredRun> expired(Instant now, int limit) {
        return db.list(
                "SELECT id, lease_until FROM dream_runs WHERE status = 'running' AND lease_until < ? "
                        + "ORDER BY lease_until LIMIT ?",
                rs -> new ExpiredRun(Db.uuid(rs, "id"), Db.instant(rs, "lease_until")),
                now,
                limit);
    }

    void markRunUndone(UUID id, Instant now) {
        db.update("UPDATE dream_runs SET undone_at = ? WHERE id = ?", now, id);
    }

    /**
     * Hubs whose owner's plan includes dreams, that hold an active memory changed since their
     * latest run finished (the run's own changes end before that), or any active memory without
     * a finished run, and whose latest run started before {@code dueSince}.
     */
    /** The time zones hubs are in (each names the moment its hubs' nightly run is due since). */
    List<String> hubTimeZones() {
        return db.list("SELECT DISTINCT time_zone FROM hubs", rs -> rs.getString("time_zone"));
    }

    /**
     * Hubs of dreaming plans, changed since their latest run, that have not dreamt since the
     * moment their time zone is due since.
     */
    List<DueHub> dueHubs(Map<String, Instant> dueSinceByTimeZone, int limit) {
        List<String> zones = List.copyOf(dueSinceByTimeZone.keySet());
        List<String> dueSince = zones.stream()
                .map(zone -> dueSinceByTimeZone.get(zone).toString())
                .toList();
        return db.list(
                "SELECT h.id, h.owner_id FROM unnest(?::text[], ?::text[]) AS z(time_zone, due_since) "
                        + "JOIN hubs h ON h.time_zone = z.time_zone JOIN users u ON u.id = h.owner_id "
                        + "JOIN plans p ON p.id = u.plan "
                        + "LEFT JOIN LATERAL (SELECT max(started_at) AS at, max(finished_at) AS done FROM dream_runs r "
                        + "WHERE r.hub_id = h.id) last ON true "
                        + "WHERE p.dreams AND (last.at IS NULL OR last.at < z.due_since::timestamptz) "
                        + "AND EXISTS (SELECT 1 FROM memories m WHERE m.hub_id = h.id AND m.state = 'active' "
                        + "AND (last.done IS NULL OR m.updated_at > last.done)) "
                        + "ORDER BY h.id LIMIT ?",
                rs -> new DueHub(Db.uuid(rs, "id"), Db.uuid(rs, "owner_id")),
                zones,
                dueSince,
                limit);
    }

    void insertAction(
            UUID id,
            DreamRun run,
            String phase,
            DreamProposal proposal,
            Map<UUID, ObjectNode> before,
            Map<UUID, ObjectNode> after,
            JsonNode made,
            boolean applied,
            Instant now) {
        ObjectNode afterState = json.valueToTree(after);
        if (made != null) {
            afterState.set(MADE, made);
        }
        db.update(
                "INSERT INTO dream_actions (id, run_id, hub_id, phase, action_type, memory_ids, source_memory_ids, "
                        + "result_memory_id, before_state, after_state, reason, score, applied, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?::uuid[], ?::uuid[], ?, ?, ?, ?, ?, ?, ?)",
                id,
                run.id(),
                run.hubId(),
                phase,
                proposal.actionType(),
                proposal.memoryIds(),
                proposal.sourceMemoryIds(),
                proposal.resultMemoryId(),
                new Db.Json(json.valueToTree(before).toString()),
                new Db.Json(afterState.toString()),
                proposal.reason(),
                proposal.score(),
                applied,
                now);
    }

    /** Oldest first, strictly after the position (created_at, id). */
    List<DreamAction> actions(UUID runId, List<String> after, int limit) {
        if (after == null) {
            return db.list(
                    "SELECT " + ACTION_COLUMNS + " FROM dream_actions a WHERE a.run_id = ? "
                            + "ORDER BY a.created_at, a.id LIMIT ?",
                    this::action,
                    runId,
                    limit);
        }
        return db.list(
                "SELECT " + ACTION_COLUMNS + " FROM dream_actions a WHERE a.run_id = ? "
                        + "AND (a.created_at, a.id) > (?::timestamptz, ?::uuid) ORDER BY a.created_at, a.id LIMIT ?",
                this::action,
                runId,
                after.get(0),
                after.get(1),
                limit);
    }

    /** The actions of one phase of a run: those an attempt that died before finishing it recorded. */
    List<DreamAction> phaseActions(UUID runId, String phase) {
        return db.list(
                "SELECT " + ACTION_COLUMNS + " FROM dream_actions a WHERE a.run_id = ? AND a.phase = ?",
                this::action,
                runId,
                phase);
    }

    Optional<DreamAction> findAction(UUID id) {
        return db.one("SELECT " + ACTION_COLUMNS + " FROM dream_actions a WHERE a.id = ?", this::action, id);
    }

    /** The action with its rows, locked (two undos of one action take turns). */
    Optional<ActionRow> lockAction(UUID id) {
        return db.one(
                "SELECT " + ACTION_COLUMNS
                        + ", a.before_state, a.after_state FROM dream_actions a WHERE a.id = ? FOR UPDATE",
                this::actionRow,
                id);
    }

    /** A run's applied actions not yet undone, newest first (undone in reverse order of doing). */
    List<UUID> undoable(UUID runId) {
        return db.list(
                "SELECT id FROM dream_actions WHERE run_id = ? AND applied AND undone_at IS NULL "
                        + "ORDER BY created_at DESC, id DESC",
                rs -> Db.uuid(rs, "id"),
                runId);
    }

    /**
     * The memories this run's actions consumed so far and that were not undone: applied or, in a
     * dry run, only proposed (the later phases of a dry run leave them out as a real run would).
     */
    Set<UUID> settled(UUID runId) {
        return Set.copyOf(db.list(
                "SELECT DISTINCT unnest(source_memory_ids) AS id FROM dream_actions WHERE run_id = ? AND undone_at IS NULL",
                rs -> Db.uuid(rs, "id"),
                runId));
    }

    void markActionUndone(UUID id, UUID by, Instant now) {
        db.update("UPDATE dream_actions SET undone_at = ?, undone_by = ? WHERE id = ?", now, by, id);
    }

    private DreamRun run(ResultSet rs) throws SQLException {
        JsonNode counts = read(rs.getString("counts"));
        return new DreamRun(
                Db.uuid(rs, "id"),
                Db.uuid(rs, "owner_id"),
                Db.uuid(rs, "hub_id"),
                Db.uuid(rs, "triggered_by"),
                rs.getString("trigger"),
                rs.getString("mode"),
                DreamStatus.fromWire(rs.getString("status")),
                rs.getBoolean("dry_run"),
                Db.strings(rs, "phases"),
                rs.getString("current_phase"),
                rs.getString("last_finished_phase"),
                rs.getInt("processed"),
                rs.getInt("total"),
                Db.instant(rs, "started_at"),
                Db.instant(rs, "finished_at"),
                counts.path("memories_scanned").asLong(),
                counts.path("duplicates_merged").asLong(),
                counts.path("contradictions_found").asLong(),
                counts.path("memories_archived").asLong(),
                counts.path("memories_organized").asLong(),
                counts.path("topics_restructured").asLong(),
                read(rs.getString("phase_metrics")),
                rs.getString("report"),
                Db.instant(rs, "undone_at"));
    }

    private DreamAction action(ResultSet rs) throws SQLException {
        return new DreamAction(
                Db.uuid(rs, "id"),
                Db.uuid(rs, "run_id"),
                Db.uuid(rs, "hub_id"),
                rs.getString("phase"),
                rs.getString("action_type"),
                Db.uuids(rs, "source_memory_ids"),
                Db.uuid(rs, "result_memory_id"),
                Db.uuids(rs, "memory_ids"),
                rs.getString("reason"),
                rs.getDouble("score"),
                rs.getBoolean("applied"),
                Db.instant(rs, "created_at"),
                Db.instant(rs, "undone_at"));
    }

    private ActionRow actionRow(ResultSet rs) throws SQLException {
        return new ActionRow(action(rs), (ObjectNode) read(rs.getString("before_state")), (ObjectNode)
                read(rs.getString("after_state")));
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> position(Instant at, UUID id) {
        List<String> out = new ArrayList<>(2);
        out.add(at.toString());
        out.add(id.toString());
        return out;
    }
}
