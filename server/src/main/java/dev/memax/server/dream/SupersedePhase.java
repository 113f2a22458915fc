package dev.memax.server.dream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Phase 2, {@code supersede}: a newer memory that updates an older one ({@link SupersedeFinder})
 * marks the older {@code superseded_by} the newer and archives it, as a merge archives what it
 * merged: it leaves default recall, {@code include_archived} brings it back.
 */
@Singleton
public class SupersedePhase implements DreamPhase {
    static final String NAME = "supersede";
    private final SupersedeFinder finder = new SupersedeFinder(SupersedeFinder.Settings.defaults());

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
        return 200;
    }

    @Override
    public List<DreamProposal> propose(
            List<DreamMemory> memories, Set<UUID> settled, Instant now, DreamModel.Allowance model) {
        List<DreamProposal> proposals = new ArrayList<>();
        for (SupersedeFinder.Proposal found : finder.find(DreamPhase.unsettled(memories, settled))) {
            proposals.add(new DreamProposal(
                    "archive",
                    List.of(found.older(), found.newer()),
                    List.of(found.older()),
                    found.newer(),
                    found.reason(),
                    found.score(),
                    rows -> supersede(rows, found.older(), found.newer(), true)));
        }
        return proposals;
    }

    /**
     * The older memory archived, {@code superseded_by} the newer; only the older changes.
     *
     * @param automatic a dream's own judgement, which never touches a pinned or stable memory (a
     *     reviewer's answer may)
     */
    static Optional<Map<UUID, ObjectNode>> supersede(
            Map<UUID, ObjectNode> rows, UUID olderId, UUID newerId, boolean automatic) {
        ObjectNode older = rows.get(olderId);
        ObjectNode newer = rows.get(newerId);
        if (older == null
                || newer == null
                || !DreamPhase.current(older)
                || !DreamPhase.current(newer)
                || (automatic && DreamPhase.protectedRow(older))
                || !older.path("hub_id").equals(newer.path("hub_id"))) {
            return Optional.empty();
        }
        ObjectNode after = older.deepCopy();
        after.put("state", "archived");
        after.put("superseded_by", newerId.toString());
        return Optional.of(Map.of(olderId, after));
    }
}
