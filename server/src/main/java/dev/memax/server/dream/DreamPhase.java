package dev.memax.server.dream;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.order.Ordered;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One phase of a dream run (docs/architecture.md §5.14). A phase only proposes: it reads the
 * hub's memories and says what it would change, each change a {@link DreamProposal}; the run
 * ({@link DreamExecutor}) applies the proposals, records each as a {@code dream_actions} row and
 * undoes them ({@link DreamUndo}). Phases are beans; a run executes them in {@link #getOrder()}.
 */
public interface DreamPhase extends Ordered {
    /** The phase's name on the wire ({@code phases} of a trigger, keys of {@code phase_metrics}). */
    String name();

    /**
     * The run counter (a field of {@link DreamRun}) that each applied action adds to ({@link #counted}): by default the number
     * of memories it consumed ({@link DreamProposal#sourceMemoryIds}), or one when it consumed none.
     */
    String counter();

    /** What an applied action (its consumed and its touched memories) adds to {@link #counter()}. */
    default int counted(List<UUID> sourceMemoryIds, List<UUID> memoryIds) {
        return Math.max(1, sourceMemoryIds.size());
    }

    /**
     * What this phase would do to the hub's memories (loaded once per phase).
     *
     * @param settled memories consumed by this run's earlier actions (merged, superseded,
     *     archived): on a dry run nothing was applied, so they are still among {@code memories},
     *     and a phase leaves them out as a real run would find them gone
     * @param model   the language model calls the run may still make (phases that use none ignore it)
     */
    List<DreamProposal> propose(List<DreamMemory> memories, Set<UUID> settled, Instant now, DreamModel.Allowance model);

    /** The memories not {@code settled}. */
    static List<DreamMemory> unsettled(List<DreamMemory> memories, Set<UUID> settled) {
        return memories.stream().filter(m -> !settled.contains(m.id())).toList();
    }

    /** A memory row ({@code to_jsonb}) still active, and neither merged nor superseded. */
    static boolean current(JsonNode row) {
        return "active".equals(row.path("state").asText())
                && row.path("merged_into").isNull()
                && row.path("superseded_by").isNull();
    }

    /** Pinned or stable: a row no dream merges, supersedes or archives on its own judgement. */
    static boolean protectedRow(JsonNode row) {
        return row.path("pinned").asBoolean()
                || "stable".equals(row.path("stability").asText());
    }

    /**
     * Takes away what an action of this phase made ({@link DreamProposal.Make}), inside the undo's
     * transaction, before the action's edited rows are written back; {@code dream_undo_conflict}
     * when that would overwrite a later change. Phases that only edit rows make nothing.
     */
    default void unmake(DreamAction action, JsonNode made, UUID userId, Instant now) {}
}
