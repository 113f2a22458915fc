package dev.memax.server.dream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Phase 4, {@code stale}: volatile memories nobody needs any more ({@link StaleRule}) are archived. */
@Singleton
public class StalePhase implements DreamPhase {
    static final String NAME = "stale";
    private final StaleRule rule = new StaleRule(StaleRule.Settings.defaults());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String counter() {
        return "memories_archived";
    }

    @Override
    public int getOrder() {
        return 400;
    }

    /**
     * What this run superseded is archived already (on a dry run: settled), so it is left out
     * rather than archived twice; the loaded memories are all active, none superseded.
     */
    @Override
    public List<DreamProposal> propose(
            List<DreamMemory> memories, Set<UUID> settled, Instant now, DreamModel.Allowance model) {
        return rule.find(DreamPhase.unsettled(memories, settled), Set.of(), now).stream()
                .map(found -> new DreamProposal(
                        "archive",
                        List.of(found.memoryId()),
                        List.of(found.memoryId()),
                        null,
                        found.reason(),
                        found.score(),
                        rows -> archive(rows, found.memoryId())))
                .toList();
    }

    private static Optional<Map<UUID, ObjectNode>> archive(Map<UUID, ObjectNode> rows, UUID id) {
        ObjectNode row = rows.get(id);
        if (row == null
                || !DreamPhase.current(row)
                || DreamPhase.protectedRow(row)
                || !"volatile".equals(row.path("stability").asText())) {
            return Optional.empty();
        }
        ObjectNode after = row.deepCopy();
        after.put("state", "archived");
        return Optional.of(Map.of(id, after));
    }
}
