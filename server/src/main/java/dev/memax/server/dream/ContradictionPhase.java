package dev.memax.server.dream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.notification.NotificationKind;
import dev.memax.server.notification.Notifications;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Phase 3, {@code contradiction}: two memories that conflict ({@link ContradictionFinder}, its
 * conservative heuristics; no language model judges them here) are not changed but filed as a
 * {@code review_contradiction} notification to whoever triggered the run (the hub's owner for a
 * nightly run). The answer ({@link ContradictionReviews}) changes them as a dream action of the
 * run. Memories merged or superseded earlier in the run are not compared.
 */
@Singleton
public class ContradictionPhase implements DreamPhase {
    static final String NAME = "contradiction";
    private static final int TITLE = 80;
    private final ContradictionFinder finder = new ContradictionFinder(ContradictionFinder.Settings.defaults());
    private final Notifications notifications;

    public ContradictionPhase(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String counter() {
        return "contradictions_found";
    }

    @Override
    public int getOrder() {
        return 300;
    }

    @Override
    public List<DreamProposal> propose(List<DreamMemory> memories, Set<UUID> settled, Instant now) {
        return finder.find(memories, settled).stream()
                .map(found -> new DreamProposal(
                        "contradiction",
                        found.memoryIds(),
                        List.of(),
                        null,
                        found.reason(),
                        found.score(),
                        rows -> stillCurrent(rows, found) ? Optional.of(Map.<UUID, ObjectNode>of()) : Optional.empty(),
                        (run, actionId, rows) -> file(run, actionId, rows, found)))
                .toList();
    }

    private static boolean stillCurrent(Map<UUID, ObjectNode> rows, ContradictionFinder.Proposal found) {
        return found.memoryIds().stream().allMatch(id -> rows.containsKey(id) && DreamPhase.current(rows.get(id)));
    }

    private void file(DreamRun run, UUID actionId, Map<UUID, ObjectNode> rows, ContradictionFinder.Proposal found) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action_id", actionId.toString());
        data.put("run_id", run.id().toString());
        data.put("memory_a", ref(rows.get(found.first()), found.firstStatement()));
        data.put("memory_b", ref(rows.get(found.second()), found.secondStatement()));
        data.put("similarity", found.score());
        data.put("cue", found.cue().name().toLowerCase(java.util.Locale.ROOT));
        data.put("reason", found.reason());
        notifications.create(
                run.triggeredBy() != null ? run.triggeredBy() : run.ownerId(),
                run.hubId(),
                run.triggeredBy(),
                NotificationKind.REVIEW_CONTRADICTION,
                "Two memories contradict each other",
                "\"" + found.firstStatement() + "\" vs \"" + found.secondStatement()
                        + "\": keep one, keep both, or merge them.",
                data);
    }

    /** Memax's {@code ReviewMemoryRef} ({@code id}, {@code title}) and the sentence in conflict. */
    private static Map<String, Object> ref(JsonNode row, String statement) {
        String title = row.path("title").asText("");
        if (title.isBlank()) {
            String content = row.path("content").asText("");
            title = content.length() <= TITLE ? content : content.substring(0, TITLE - 1) + "…";
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", row.path("id").asText());
        ref.put("title", title);
        ref.put("statement", statement);
        return ref;
    }
}
