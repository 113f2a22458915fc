package dev.memax.sdk.models;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A dream run over one hub.
 *
 * @param triggeredBy      who triggered it; null for a nightly run
 * @param trigger          {@code manual} or {@code scheduled}
 * @param status           {@code running}, {@code completed}, {@code partial_failed}, {@code failed} or {@code skipped}
 * @param lastFinishedPhase a resumed run continues after it
 * @param processed        proposals of {@code currentPhase} handled so far, of {@code total}
 * @param duplicatesMerged memories merged into a survivor
 * @param phaseMetrics     what each finished phase did
 * @param undoneAt         when the run was undone, or null
 */
public record DreamRun(
        UUID id,
        UUID ownerId,
        UUID hubId,
        UUID triggeredBy,
        String trigger,
        String mode,
        String status,
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
        Map<String, DreamPhaseMetrics> phaseMetrics,
        String report,
        Instant undoneAt) {
    public DreamRun {
        phases = phases == null ? List.of() : List.copyOf(phases);
        phaseMetrics = phaseMetrics == null ? Map.of() : Map.copyOf(phaseMetrics);
    }

    /** Whether the run is still executing. */
    public boolean running() {
        return "running".equals(status);
    }
}
