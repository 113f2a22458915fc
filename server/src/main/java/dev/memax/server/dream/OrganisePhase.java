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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Phase 5, {@code organize} (the Memax SDK's spelling, as its action type and counter): memories in no topic go into an existing topic or a new one
 * ({@link TopicClusterer}), each link placed by the run with the
 * clusterer's score as its confidence. An action is one topic's placements: one memory joining
 * an existing topic, or a new topic with its members. Memories rows are not edited (a memory a
 * person placed is never looked at); undo removes the run's links and the topic it created, unless
 * something else was put in it since ({@link DreamTopics}).
 *
 * <p>A new topic's name: with a language model ({@link DreamModel}) and calls left in the run, the
 * model's, given its members' openings (1-4 words, cleaned); else, or when the call fails or the
 * answer is no such name, the members' distinctive terms ({@link TopicLabeler}).
 */
@Singleton
public class OrganisePhase implements DreamPhase {
    static final String NAME = "organize";
    static final String NAMER = "You name a topic that groups notes from one team's memory. Answer with the"
            + " topic's name only: 1 to 4 words, no quotes, no explanation.";
    private static final int MAX_WORDS = 4;
    private static final int MAX_NAME = 60;
    private static final int NAME_TOKENS = 20;
    /** Members shown to the model: the name of a big cluster is clear from a sample. */
    private static final int MEMBERS_SHOWN = 20;
    /** Characters of a name kept: letters, digits, spaces and the joiners of names ("R&D", "on-call"). */
    private static final Pattern NOT_NAME = Pattern.compile("[^\\p{L}\\p{N} &'/+-]");

    private final TopicLabeler labeler = new TopicLabeler(3);
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
    public int counted(List<UUID> sourceMemoryIds, List<UUID> memoryIds) {
        return memoryIds.size();
    }

    @Override
    public List<DreamProposal> propose(
            List<DreamMemory> all, Set<UUID> settled, Instant now, DreamModel.Allowance model) {
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
        TopicClusterer clusterer =
                new TopicClusterer(TopicClusterer.Settings.defaults(), (cluster, hub) -> label(cluster, hub, model));
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

    /** The model's name for a new topic, with the distinctive terms kept for matching existing topics. */
    private TopicLabeler.Label label(List<DreamMemory> cluster, List<DreamMemory> hub, DreamModel.Allowance model) {
        TopicLabeler.Label byTerms = labeler.label(cluster, hub);
        if (!model.available()) {
            return byTerms;
        }
        List<DreamMemory> shown = cluster.subList(0, Math.min(MEMBERS_SHOWN, cluster.size()));
        int each = model.maxInputChars() / shown.size();
        StringBuilder user = new StringBuilder("Notes in the topic:\n");
        shown.forEach(m -> user.append("- ")
                .append(DreamModel.oneLine(DreamText.of(m), each))
                .append('\n'));
        return model.ask(NAME, NAMER, user.toString(), NAME_TOKENS)
                .flatMap(answer -> {
                    Optional<String> name = topicName(answer);
                    if (name.isEmpty()) {
                        model.unusable(NAME, answer);
                    }
                    return name;
                })
                .map(name -> new TopicLabeler.Label(name, byTerms.terms(), model.model()))
                .orElse(byTerms);
    }

    /** The answer's first line without quotes, markup or a {@code Topic:} prefix; empty unless 1-4 words. */
    static Optional<String> topicName(String answer) {
        String line = answer.strip().lines().findFirst().orElse("");
        line = line.replaceFirst("(?i)^\\W*(topic|name)\\s*:", "");
        String name =
                NOT_NAME.matcher(line).replaceAll(" ").replaceAll("\\s+", " ").strip();
        int words = name.isEmpty() ? 0 : name.split(" ").length;
        if (words == 0 || words > MAX_WORDS || name.length() > MAX_NAME) {
            return Optional.empty();
        }
        return Optional.of(name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1));
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
