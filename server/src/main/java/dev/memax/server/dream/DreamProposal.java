package dev.memax.server.dream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A change a phase proposes: which memories it touches and why, and how their rows change.
 *
 * @param memoryIds       every memory the change touches (the rows {@link #edit} receives, locked)
 * @param edit            how those rows change, or null when the change edits no row (then none is
 *                        locked: an organize action only adds topic links, under the hub's tree lock,
 *                        which person's topic changes take before any memory row)
 * @param sourceMemoryIds those it consumes (a merge's merged memories)
 * @param resultMemoryId  the one it keeps or makes (a merge's survivor), or null
 * @param score           the evidence's strength in [0, 1] (a merge: its lowest vector similarity)
 * @param followUp        what else applying it does in its transaction (a flagged contradiction's
 *                        review notification), or null; never on a dry run
 * @param make            what the change creates beside its edit (topics, links, a memory), or null
 */
public record DreamProposal(
        String actionType,
        List<UUID> memoryIds,
        List<UUID> sourceMemoryIds,
        UUID resultMemoryId,
        String reason,
        double score,
        Edit edit,
        FollowUp followUp,
        Make make) {

    /** A change with a follow-up and nothing made. */
    public DreamProposal(
            String actionType,
            List<UUID> memoryIds,
            List<UUID> sourceMemoryIds,
            UUID resultMemoryId,
            String reason,
            double score,
            Edit edit,
            FollowUp followUp) {
        this(actionType, memoryIds, sourceMemoryIds, resultMemoryId, reason, score, edit, followUp, null);
    }

    /** A change of existing rows only. */
    public DreamProposal(
            String actionType,
            List<UUID> memoryIds,
            List<UUID> sourceMemoryIds,
            UUID resultMemoryId,
            String reason,
            double score,
            Edit edit) {
        this(actionType, memoryIds, sourceMemoryIds, resultMemoryId, reason, score, edit, null, null);
    }

    /** The rows after the change, computed from the current rows when the change is applied. */
    @FunctionalInterface
    public interface Edit {
        /**
         * @param rows each touched memory's whole row ({@code to_jsonb}), locked
         * @return the rows it changes (none for a change recorded only, as a flagged contradiction),
         *     or empty when the memories changed since the phase looked at them so that the change
         *     no longer holds
         */
        Optional<Map<UUID, ObjectNode>> apply(Map<UUID, ObjectNode> rows);
    }

    /** Runs in the transaction that applied the change and recorded it as action {@code actionId}. */
    @FunctionalInterface
    public interface FollowUp {
        void applied(DreamRun run, UUID actionId, Map<UUID, ObjectNode> rows);
    }

    /**
     * Creates what the change adds, in its transaction and before its edited rows are written (never
     * in a dry run). What it returns is kept with the action ({@code after_state.made}) and is what
     * the phase's {@link DreamPhase#unmake} receives to take it away again.
     */
    @FunctionalInterface
    public interface Make {
        /** @return what was made, or empty when nothing could be made any more (the action is skipped) */
        Optional<JsonNode> make(DreamRun run, UUID actionId, Instant now);
    }
}
