package dev.memax.server.dream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.identity.Caller;
import dev.memax.server.memory.MemoryRows;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Transactions;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Undoing dream actions (docs/architecture.md §5.14): what the action made (topics, links, a
 * memory) is taken away by its phase ({@link DreamPhase#unmake}), and each memory it changed gets its row from
 * before the action back, field for field ({@link MemoryRows#WRITABLE}), as a new version
 * ({@code dream_undo}) in its history. An action is undone only while every memory it touched is
 * still exactly as the action left it; otherwise the user changed it since, and undoing would
 * overwrite that ({@code dream_undo_conflict}). Undoing an undone action again changes nothing.
 */
@Singleton
public class DreamUndo {
    private final DreamService dreams;
    private final DreamRepository runs;
    private final MemoryRows rows;
    private final AccessPolicy policy;
    private final Transactions transactions;
    private final DreamEvents events;
    private final DreamPhases phases;

    public DreamUndo(
            DreamService dreams,
            DreamRepository runs,
            MemoryRows rows,
            AccessPolicy policy,
            Transactions transactions,
            DreamEvents events,
            DreamPhases phases) {
        this.dreams = dreams;
        this.runs = runs;
        this.rows = rows;
        this.policy = policy;
        this.transactions = transactions;
        this.events = events;
        this.phases = phases;
    }

    /** {@code POST /v1/dreams/actions/{id}/undo}. */
    public DreamAction undoAction(Caller caller, String id) {
        UUID actionId = Ids.parseOrNotFound(id, "Dream action");
        DreamAction action = runs.findAction(actionId).orElseThrow(() -> ApiException.notFound("Dream action"));
        if (!policy.allows(caller, action.hubId(), HubAction.READ)) {
            throw ApiException.notFound("Dream action");
        }
        policy.authorize(caller, action.hubId(), HubAction.MODERATE);
        requireFinished(action.runId());
        transactions.executeWrite(status -> {
            if (undo(actionId, caller.userId(), Now.instant())) {
                events.undone(action.hubId(), caller.userId(), action.runId(), actionId);
            }
            return null;
        });
        return runs.findAction(actionId).orElseThrow();
    }

    /** {@code POST /v1/dreams/{id}/undo}: every applied action of the run, newest first, all or none. */
    public DreamRun undoRun(Caller caller, String id) {
        DreamRun run = dreams.readable(caller, id);
        policy.authorize(caller, run.hubId(), HubAction.MODERATE);
        requireFinished(run.id());
        transactions.executeWrite(status -> {
            Instant now = Now.instant();
            for (UUID actionId : runs.undoable(run.id())) {
                undo(actionId, caller.userId(), now);
            }
            runs.markRunUndone(run.id(), now);
            events.undone(run.hubId(), caller.userId(), run.id(), null);
            return null;
        });
        return runs.find(run.id()).orElseThrow();
    }

    /** Undoes one action inside the caller's transaction; false when it was undone already. */
    private boolean undo(UUID actionId, UUID userId, Instant now) {
        DreamRepository.ActionRow action =
                runs.lockAction(actionId).orElseThrow(() -> ApiException.notFound("Dream action"));
        if (action.action().undoneAt() != null) {
            return false;
        }
        if (!action.action().applied()) {
            throw new ApiException(
                    ErrorCode.DREAM_UNDO_CONFLICT, "This action is from a dry run: it changed nothing", Map.of());
        }
        ObjectNode after = action.after().deepCopy();
        JsonNode made = after.remove(DreamRepository.MADE);
        // Only the memories the action changed: a flagged contradiction changed none.
        List<UUID> changed = action.action().memoryIds().stream()
                .filter(id -> after.has(id.toString()))
                .toList();
        Map<UUID, ObjectNode> current = rows.lock(changed);
        for (UUID memoryId : changed) {
            ObjectNode row = current.get(memoryId);
            if (row == null || !MemoryRows.sameContent(row, after.get(memoryId.toString()))) {
                throw new ApiException(
                        ErrorCode.DREAM_UNDO_CONFLICT,
                        row == null
                                ? "A memory of this action was deleted"
                                : "A memory of this action changed since the dream: undoing would overwrite that change",
                        Map.of("memory_id", memoryId.toString()));
            }
        }
        if (made != null) {
            phases.named(action.action().phase()).unmake(action.action(), made, userId, now);
        }
        for (UUID memoryId : changed) {
            rows.write(
                    memoryId,
                    current.get(memoryId),
                    action.before().get(memoryId.toString()),
                    userId,
                    "dream_undo",
                    actionId,
                    now);
        }
        runs.markActionUndone(actionId, userId, now);
        return true;
    }

    private void requireFinished(UUID runId) {
        runs.find(runId).filter(run -> run.status() == DreamStatus.RUNNING).ifPresent(run -> {
            throw DreamService.running(run.id());
        });
    }
}
