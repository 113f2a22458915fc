package dev.memax.server.dream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A dream run as every dream route answers it: Memax's {@code DreamRun} (its counters included)
 * and this server's own fields beside them.
 *
 * @param ownerId          the hub's owner, whose plan the run was gated by
 * @param triggeredBy      who asked for it; null for a scheduled run
 * @param trigger          {@code manual} or {@code scheduled}
 * @param phases           the phases requested, in execution order
 * @param processed        candidates of {@code currentPhase} handled so far, of {@code total}
 * @param phaseMetrics     {@code {phase: DreamPhaseMetrics}} of every finished phase
 */
public record DreamRun(
        UUID id,
        UUID ownerId,
        UUID hubId,
        UUID triggeredBy,
        String trigger,
        String mode,
        DreamStatus status,
        boolean dryRun,
        List<String> phases,
        String currentPhase,
        String lastFinishedPhase,
        int processed,
        int total,
        Instant startedAt,
        Instant finishedAt,
        long memoriesScanned,
        long duplicatesMerged,
        long contradictionsFound,
        long memoriesArchived,
        long memoriesOrganized,
        long topicsRestructured,
        JsonNode phaseMetrics,
        String report,
        Instant undoneAt) {}
