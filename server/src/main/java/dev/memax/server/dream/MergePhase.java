package dev.memax.server.dream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.memory.MemoryLimits;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Phase 1, {@code merge}: duplicates and near-duplicates ({@link DuplicateFinder}) go into one
 * survivor. The survivor keeps what the merged ones knew beside their text: their tags, their
 * event dates, their metadata keys it lacks, and their provenance under
 * {@code metadata.merged_from} (each one's id, source, agent, path, session and creation time).
 * The merged memories are archived with {@code merged_into}, so they leave default recall.
 */
@Singleton
public class MergePhase implements DreamPhase {
    static final String NAME = "merge";
    static final String MERGED_FROM = "merged_from";
    private final DuplicateFinder finder;

    public MergePhase(DreamSettings settings) {
        this.finder = new DuplicateFinder(
                settings.mergeMinSimilarity(), settings.mergeMinOverlap(), settings.mergeMaxChanged());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String counter() {
        return "duplicates_merged";
    }

    @Override
    public int getOrder() {
        return 100;
    }

    @Override
    public List<DreamProposal> propose(
            List<DreamMemory> memories, Set<UUID> settled, Instant now, DreamModel.Allowance model) {
        List<DreamProposal> proposals = new ArrayList<>();
        for (DuplicateFinder.MergeGroup group : finder.find(DreamPhase.unsettled(memories, settled))) {
            List<UUID> all = new ArrayList<>();
            all.add(group.survivor());
            all.addAll(group.merged());
            proposals.add(new DreamProposal(
                    "merge",
                    List.copyOf(all),
                    group.merged(),
                    group.survivor(),
                    group.reason(),
                    group.score(),
                    rows -> merge(rows, group.survivor(), group.merged())));
        }
        return proposals;
    }

    static Optional<Map<UUID, ObjectNode>> merge(Map<UUID, ObjectNode> rows, UUID survivorId, List<UUID> mergedIds) {
        ObjectNode survivor = rows.get(survivorId);
        if (survivor == null || !mergeable(survivor, survivor)) {
            return Optional.empty();
        }
        for (UUID id : mergedIds) {
            if (!rows.containsKey(id) || !mergeable(rows.get(id), survivor)) {
                return Optional.empty();
            }
        }
        ObjectNode kept = survivor.deepCopy();
        Set<String> tags = new LinkedHashSet<>();
        survivor.path("tags").forEach(t -> tags.add(t.asText()));
        Set<String> dates = new TreeSet<>();
        survivor.path("event_dates").forEach(d -> dates.add(d.asText()));
        ObjectNode metadata = survivor.path("metadata").isObject()
                ? (ObjectNode) survivor.get("metadata").deepCopy()
                : kept.objectNode();
        ArrayNode provenance = metadata.path(MERGED_FROM).isArray()
                ? (ArrayNode) metadata.get(MERGED_FROM)
                : metadata.putArray(MERGED_FROM);
        Map<UUID, ObjectNode> after = new LinkedHashMap<>();
        for (UUID id : mergedIds) {
            ObjectNode merged = rows.get(id);
            merged.path("tags").forEach(t -> {
                if (tags.size() < MemoryLimits.TAGS) {
                    tags.add(t.asText());
                }
            });
            merged.path("event_dates").forEach(d -> dates.add(d.asText()));
            merged.path("metadata").fields().forEachRemaining(field -> {
                if (!metadata.has(field.getKey())) {
                    metadata.set(field.getKey(), field.getValue());
                }
            });
            ObjectNode origin = provenance.addObject();
            origin.put("memory_id", id.toString());
            for (String field : List.of("source", "source_agent", "source_path", "session_id", "created_at")) {
                origin.set(field, merged.path(field).isMissingNode() ? origin.nullNode() : merged.get(field));
            }
            ObjectNode archived = merged.deepCopy();
            archived.put("state", "archived");
            archived.put("merged_into", survivorId.toString());
            after.put(id, archived);
        }
        ArrayNode tagArray = kept.putArray("tags");
        tags.forEach(tagArray::add);
        ArrayNode dateArray = kept.putArray("event_dates");
        new ArrayList<>(dates)
                .subList(0, Math.min(dates.size(), MemoryLimits.EVENT_DATES))
                .forEach(dateArray::add);
        kept.set("metadata", metadata);
        Map<UUID, ObjectNode> out = new LinkedHashMap<>();
        out.put(survivorId, kept);
        out.putAll(after);
        return Optional.of(out);
    }

    /** Still a memory a merge may touch, in the survivor's hub and of its kind. */
    private static boolean mergeable(JsonNode row, JsonNode survivor) {
        return DreamPhase.current(row)
                && !DreamPhase.protectedRow(row)
                && row.path("hub_id").equals(survivor.path("hub_id"))
                && row.path("kind").equals(survivor.path("kind"));
    }
}
