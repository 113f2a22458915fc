package dev.memax.server.dream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.topic.DreamTopics;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Phase 5, {@code organize} (the Memax SDK's spelling, as its action type and counter): memories in no topic go into an existing topic or a new one
 * ({@link TopicClusterer}, names by {@link TopicLabeler}), each link placed by the run with the
 * clusterer's score as its confidence. An action is one topic's placements: one memory joining
 * an existing topic, or a new topic with its members. Memories rows are not edited (a memory a
 * person placed is never looked at); undo removes the run's links and the topic it created, unless
 * something else was put in it since ({@link DreamTopics}).
 */
@Singleton
public class OrganisePhase implements DreamPhase {
    static final String NAME = "organize";
    private final TopicClusterer clusterer =
            new TopicClusterer(TopicClusterer.Settings.defaults(), new TopicLabeler(3));
    private final DreamTopics topics;
    private final ObjectMapper json;

    public OrganisePhase(DreamTopics topics, ObjectMapper json) {
        this.topics = topics;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String counter() {
        return "memories_organized";
    }

    @Override
    public int getOrder() {
        return 500;
    }

    /** Every memory placed (an organize action consumes none: later phases still read them). */
    @Override
    public int counted(DreamProposal applied) {
        return applied.memoryIds().size();
    }

    @Override
    public List<DreamProposal> propose(List<DreamMemory> all, Set<UUID> settled, Instant now) {
        List<DreamMemory> memories = DreamPhase.unsettled(all, settled);
        if (memories.isEmpty()) {
            return List.of();
        }
        UUID hubId = memories.get(0).hubId();
        List<DreamTopics.Named> active = topics.active(hubId);
        Set<UUID> activeIds = active.stream().map(DreamTopics.Named::id).collect(Collectors.toSet());
        Map<UUID, List<float[]>> members = new HashMap<>();
        for (DreamMemory memory : memories) {
            if (memory.vector() != null) {
                memory.topicIds().stream()
                        .filter(activeIds::contains)
                        .forEach(t -> members.computeIfAbsent(t, k -> new ArrayList<>())
                                .add(memory.vector()));
            }
        }
        List<TopicClusterer.Topic> existing = active.stream()
                .map(t -> new TopicClusterer.Topic(t.id(), t.name(), members.getOrDefault(t.id(), List.of())))
                .toList();
        List<DreamProposal> out = new ArrayList<>();
        for (TopicClusterer.Proposal found : clusterer.propose(memories, existing)) {
            UUID topicId = found instanceof TopicClusterer.Assign a ? a.topicId() : null;
            String name = found instanceof TopicClusterer.NewTopic n ? n.name() : null;
            out.add(new DreamProposal(
                    "organize",
                    found.memoryIds(),
                    List.of(),
                    null,
                    found.reason(),
                    found.score(),
                    null,
                    null,
                    (run, actionId, at) -> place(run, topicId, name, found, at)));
        }
        return out;
    }

    private Optional<JsonNode> place(
            DreamRun run, UUID topicId, String name, TopicClusterer.Proposal found, Instant now) {
        DreamTopics.Placed placed = topics.place(
                run.hubId(),
                run.id(),
                run.ownerId(),
                run.triggeredBy(),
                topicId,
                name,
                found.memoryIds(),
                found.score(),
                now);
        if (placed.memoryIds().isEmpty()) {
            return Optional.empty();
        }
        ObjectNode made = json.createObjectNode();
        made.put("topic_id", placed.topicId().toString());
        made.put("created_topic", placed.createdTopic());
        placed.memoryIds().forEach(id -> made.withArray("memory_ids").add(id.toString()));
        return Optional.of(made);
    }

    @Override
    public void unmake(DreamAction action, JsonNode made, UUID userId, Instant now) {
        topics.unplace(action.hubId(), action.runId(), userId, read(made));
    }

    private static DreamTopics.Placed read(JsonNode made) {
        List<UUID> memoryIds = new ArrayList<>();
        made.path("memory_ids").forEach(id -> memoryIds.add(UUID.fromString(id.asText())));
        return new DreamTopics.Placed(
                UUID.fromString(made.path("topic_id").asText()),
                made.path("created_topic").asBoolean(),
                memoryIds);
    }
}
