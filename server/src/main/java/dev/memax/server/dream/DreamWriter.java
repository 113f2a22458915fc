package dev.memax.server.dream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.memory.MemoryRows;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies one {@link DreamProposal} inside the caller's transaction: locks the memories it
 * touches, computes their new rows, makes what it creates ({@link DreamProposal.Make}) and writes
 * each changed row as a new version (unless the run is a dry run), records the {@code dream_actions} row (what {@link DreamUndo} restores from) and
 * runs the proposal's follow-up. Both a run's phases and the answers to its review
 * notifications change memories only through here.
 */
@Singleton
public class DreamWriter {
    private final DreamRepository runs;
    private final MemoryRows rows;

    public DreamWriter(DreamRepository runs, MemoryRows rows) {
        this.runs = runs;
        this.rows = rows;
    }

    /**
     * @param actorId who the memories' history names (the run's trigger, or a reviewer)
     * @return the recorded action's id, or empty when the memories changed since the proposal
     *     was made and it no longer holds (nothing written)
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<UUID> apply(DreamRun run, String phase, DreamProposal proposal, UUID actorId) {
        Map<UUID, ObjectNode> before = proposal.edit() == null ? Map.of() : rows.lock(proposal.memoryIds());
        Optional<Map<UUID, ObjectNode>> after = proposal.edit() == null
                ? Optional.of(Map.of())
                : proposal.edit().apply(copy(before));
        if (after.isEmpty()) {
            return Optional.empty();
        }
        UUID actionId = Ids.newId();
        Instant now = Now.instant();
        Map<UUID, ObjectNode> written = after.get();
        JsonNode made = null;
        if (!run.dryRun()) {
            if (proposal.make() != null) {
                Optional<JsonNode> created = proposal.make().make(run, actionId, now);
                if (created.isEmpty()) {
                    return Optional.empty();
                }
                made = created.get();
            }
            written = new LinkedHashMap<>();
            for (Map.Entry<UUID, ObjectNode> change : after.get().entrySet()) {
                UUID id = change.getKey();
                written.put(
                        id,
                        rows.write(id, before.get(id), change.getValue(), actorId, "dream_" + phase, actionId, now));
            }
        }
        runs.insertAction(actionId, run, phase, proposal, before, written, made, !run.dryRun(), now);
        if (!run.dryRun() && proposal.followUp() != null) {
            proposal.followUp().applied(run, actionId, before);
        }
        return Optional.of(actionId);
    }

    private static Map<UUID, ObjectNode> copy(Map<UUID, ObjectNode> rows) {
        Map<UUID, ObjectNode> out = new LinkedHashMap<>();
        rows.forEach((id, row) -> out.put(id, row.deepCopy()));
        return out;
    }
}
