package dev.memax.server.dream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.identity.Caller;
import dev.memax.server.notification.ContradictionResolution;
import dev.memax.server.platform.ApiException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a {@code review_contradiction} notification, carried out as a dream action of the
 * run that filed it (so it shows in the memories' history and is undone as any other):
 * {@code keep_a} / {@code keep_b} archive the other memory {@code superseded_by} the kept one,
 * {@code merge} merges the earlier ({@code memory_a}) into the later, {@code keep_both} changes
 * nothing. Answering needs the right to moderate the hub.
 */
@Singleton
public class ContradictionReviews implements ContradictionResolution {
    private final DreamRepository runs;
    private final DreamWriter writer;
    private final AccessPolicy policy;

    public ContradictionReviews(DreamRepository runs, DreamWriter writer, AccessPolicy policy) {
        this.runs = runs;
        this.writer = writer;
        this.policy = policy;
    }

    @Override
    public void resolve(Caller caller, UUID hubId, JsonNode data, String action) {
        policy.authorize(caller, hubId, HubAction.MODERATE);
        if (action.equals("keep_both")) {
            return;
        }
        DreamRun run = runs.find(UUID.fromString(data.path("run_id").asText())).orElseThrow();
        UUID a = UUID.fromString(data.at("/memory_a/id").asText());
        UUID b = UUID.fromString(data.at("/memory_b/id").asText());
        DreamProposal proposal = switch (action) {
            case "keep_a" -> keep(a, b);
            case "keep_b" -> keep(b, a);
            case "merge" ->
                new DreamProposal(
                        "merge",
                        List.of(b, a),
                        List.of(a),
                        b,
                        "contradiction reviewed: merged into the later memory",
                        1.0,
                        rows -> MergePhase.merge(rows, b, List.of(a)));
            default -> throw new IllegalArgumentException("not a contradiction answer: " + action);
        };
        if (writer.apply(run, ContradictionPhase.NAME, proposal, caller.userId())
                .isEmpty()) {
            throw ApiException.conflict(
                    "The memories changed since the contradiction was flagged (archived, merged, deleted, or "
                            + "protected from merging): nothing was changed");
        }
    }

    private static DreamProposal keep(UUID kept, UUID other) {
        return new DreamProposal(
                "archive",
                List.of(other, kept),
                List.of(other),
                kept,
                "contradiction reviewed: kept " + kept,
                1.0,
                rows -> SupersedePhase.supersede(rows, other, kept, false));
    }
}
