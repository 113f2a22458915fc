package dev.memax.server.dream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A change a phase proposes: which memories it touches and why, and how their rows change.
 *
 * @param memoryIds       every memory the change touches (the rows {@link #edit} receives, locked)
 * @param sourceMemoryIds those it consumes (a merge's merged memories)
 * @param resultMemoryId  the one it keeps or makes (a merge's survivor), or null
 * @param score           the evidence's strength in [0, 1] (a merge: its lowest vector similarity)
 */
public record DreamProposal(
        String actionType,
        List<UUID> memoryIds,
        List<UUID> sourceMemoryIds,
        UUID resultMemoryId,
        String reason,
        double score,
        Edit edit) {

    /** The rows after the change, computed from the current rows when the change is applied. */
    @FunctionalInterface
    public interface Edit {
        /**
         * @param rows each touched memory's whole row ({@code to_jsonb}), locked
         * @return the changed rows (every touched memory), or empty when the memories changed
         *     since the phase looked at them so that the change no longer holds
         */
        Optional<Map<UUID, ObjectNode>> apply(Map<UUID, ObjectNode> rows);
    }
}
