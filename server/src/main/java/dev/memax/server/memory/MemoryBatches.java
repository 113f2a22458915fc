package dev.memax.server.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Transactions;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Many memories at once: {@code POST /v1/memories/batch-delete} and {@code batch-move}. What the
 * caller may change is changed in one transaction; the rest is skipped, each with its reason.
 */
@Singleton
public class MemoryBatches {
    private final MemoryGuard guard;
    private final AccessPolicy policy;
    private final MemoryRepository memories;
    private final Transactions transactions;
    private final MemoryEvents events;
    private final ObjectMapper json;
    private final TopicPlacement topics;

    public MemoryBatches(
            MemoryGuard guard,
            AccessPolicy policy,
            MemoryRepository memories,
            Transactions transactions,
            MemoryEvents events,
            ObjectMapper json,
            TopicPlacement topics) {
        this.guard = guard;
        this.policy = policy;
        this.memories = memories;
        this.transactions = transactions;
        this.events = events;
        this.json = json;
        this.topics = topics;
    }

    /**
     * Counts, and the ids behind them (skipped ids as sent: absent, invisible, not allowed, malformed
     * or repeated). {@code skipped} lists each skip with its reason, as Memax's SDK reads it
     * (docs/architecture.md §5.12); {@code skipped_count} is their number.
     */
    public record BatchDeleted(
            int deleted, List<Skip> skipped, int skippedCount, List<UUID> deletedIds, List<String> skippedIds) {
        static BatchDeleted of(List<UUID> deleted, List<Skip> skipped) {
            return new BatchDeleted(deleted.size(), skipped, skipped.size(), deleted, Skip.ids(skipped));
        }
    }

    /** Counts, and the ids behind them (skipped: absent, invisible, not allowed, repeated, or a source_path the destination holds). */
    public record BatchMoved(
            int moved, List<Skip> skipped, int skippedCount, List<UUID> movedIds, List<String> skippedIds) {
        static BatchMoved of(List<UUID> moved, List<Skip> skipped) {
            return new BatchMoved(moved.size(), skipped, skipped.size(), moved, Skip.ids(skipped));
        }
    }

    /**
     * One id a batch skipped, as sent, and why: {@code not_found} (absent, malformed, or in a hub the
     * caller cannot read), {@code not_owned} (the caller may not change it there, or may not write
     * it where it would go), {@code duplicate} (named earlier in the same request) or
     * {@code source_path_taken} (the destination hub holds a memory with its {@code source_path}).
     */
    public record Skip(String id, String reason) {
        static List<String> ids(List<Skip> skipped) {
            return skipped.stream().map(Skip::id).toList();
        }

        /** The reason a memory the caller named cannot be changed (deleted or moved) where it is. */
        private static String of(Memory memory, List<UUID> done, Decisions may) {
            if (memory == null || !may.see(memory.hubId())) {
                return "not_found";
            }
            if (done.contains(memory.id())) {
                return "duplicate";
            }
            return may.edit(memory.hubId(), memory.ownerId()) ? null : "not_owned";
        }
    }

    /** {@code POST /v1/memories/batch-delete}: deletes what the caller may delete, skips the rest. */
    public BatchDeleted deleteBatch(Caller caller, MemoryRequests.BatchDelete body) {
        List<String> ids = requireIds(body == null ? null : body.ids());
        return transactions.executeWrite(status -> {
            Map<UUID, Memory> found = lockAll(ids);
            Decisions may = new Decisions(caller);
            List<UUID> deleted = new ArrayList<>();
            List<Skip> skipped = new ArrayList<>();
            for (String raw : ids) {
                Memory memory = found.get(parse(raw));
                String reason = Skip.of(memory, deleted, may);
                if (reason != null) {
                    skipped.add(new Skip(raw, reason));
                } else {
                    deleted.add(memory.id());
                    events.changed(memory.hubId(), caller, memory.id(), "deleted");
                }
            }
            if (!deleted.isEmpty()) {
                memories.delete(deleted);
            }
            return BatchDeleted.of(deleted, skipped);
        });
    }

    /**
     * {@code POST /v1/memories/batch-move}: to another hub ({@code hub_id}) and/or topic
     * ({@code topic_id}), the person's authoritative placement: the memory's topic links become
     * exactly that topic, and a target without {@code topic_id} clears them (the Memax SDK's way to
     * take a memory out of its topics). The caller must be allowed to change each memory where it is and to
     * write it where it goes (others' memories: moderate in both); a destination hub the caller
     * cannot write is an error for the whole request, a memory it may not move is skipped.
     */
    public BatchMoved moveBatch(Caller caller, MemoryRequests.BatchMove body) {
        List<String> ids = requireIds(body == null ? null : body.ids());
        FieldErrors errors = new FieldErrors();
        String hubIdText = body.hubId() == null || body.hubId().isBlank()
                ? null
                : body.hubId().trim();
        UUID topicId = body.topicId() == null || body.topicId().isBlank()
                ? null
                : MemoryInput.uuid(body.topicId(), "topic_id", errors);
        if (hubIdText == null && body.topicId() == null) {
            errors.add("hub_id", "hub_id or topic_id is required");
        }
        errors.throwIfAny();
        UUID destination = hubIdText == null
                ? null
                : policy.authorize(caller, hubIdText, HubAction.WRITE).hub().id();
        Instant now = Now.instant();
        return transactions.executeWrite(status -> {
            Map<UUID, Memory> found = lockAll(ids);
            Decisions may = new Decisions(caller);
            List<UUID> moved = new ArrayList<>();
            List<Skip> skipped = new ArrayList<>();
            Set<String> arrivingPaths = new HashSet<>();
            for (String raw : ids) {
                Memory m = found.get(parse(raw));
                String reason = Skip.of(m, moved, may);
                if (reason != null) {
                    skipped.add(new Skip(raw, reason));
                    continue;
                }
                UUID hub = destination == null ? m.hubId() : destination;
                boolean changesHub = !hub.equals(m.hubId());
                if (changesHub && !may.edit(hub, m.ownerId())) {
                    skipped.add(new Skip(raw, "not_owned"));
                    continue;
                }
                if (changesHub
                        && m.sourcePath() != null
                        && (!arrivingPaths.add(m.sourcePath())
                                || memories.findByPath(hub, m.sourcePath()).isPresent())) {
                    skipped.add(new Skip(raw, "source_path_taken"));
                    continue;
                }
                // The person's placement is authoritative: a hub-only target clears the topic.
                UUID topic = topicId;
                if (topic != null) {
                    topics.requirePlaceable(hub, topic);
                }
                moved.add(m.id());
                if (!changesHub && Objects.equals(topic, m.topicId())) {
                    topics.replaced(m.id(), topic, caller.userId(), now);
                    continue;
                }
                ObjectNode changes = json.createObjectNode();
                if (changesHub) {
                    changes.putObject("hub_id")
                            .put("from", m.hubId().toString())
                            .put("to", hub.toString());
                }
                if (!Objects.equals(topic, m.topicId())) {
                    ObjectNode change = changes.putObject("topic_id");
                    change.set("from", json.valueToTree(m.topicId()));
                    change.set("to", json.valueToTree(topic));
                }
                memories.move(m.id(), hub, topic, m.version() + 1, now);
                topics.replaced(m.id(), topic, caller.userId(), now);
                memories.insertVersion(m.id(), m.version() + 1, caller.userId(), now, "moved", changes);
                // Readers of either hub must learn of the move: it leaves one and arrives in the other.
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("action", "moved");
                payload.put("from_hub_id", m.hubId());
                payload.put("to_hub_id", hub);
                events.changed(m.hubId(), caller, m.id(), payload);
                if (changesHub) {
                    events.changed(hub, caller, m.id(), payload);
                }
            }
            return BatchMoved.of(moved, skipped);
        });
    }

    /** The policy's answers for one batch, asked once per hub and action (a batch touches few hubs). */
    private final class Decisions {
        private final Caller caller;
        private final Map<String, Boolean> answers = new HashMap<>();

        Decisions(Caller caller) {
            this.caller = caller;
        }

        boolean see(UUID hubId) {
            return answers.computeIfAbsent(hubId + ":see", key -> guard.visible(caller, hubId));
        }

        /** Own memories need WRITE, others' MODERATE. */
        boolean edit(UUID hubId, UUID ownerId) {
            HubAction action = HubAction.toChange(caller.userId(), ownerId);
            return answers.computeIfAbsent(hubId + ":" + action, key -> policy.allows(caller, hubId, action));
        }
    }

    private Map<UUID, Memory> lockAll(List<String> ids) {
        List<UUID> valid = ids.stream()
                .map(MemoryBatches::parse)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<UUID, Memory> found = new LinkedHashMap<>();
        if (!valid.isEmpty()) {
            memories.lockAll(valid).forEach(m -> found.put(m.id(), m));
        }
        return found;
    }

    private static List<String> requireIds(List<String> ids) {
        if (ids == null || ids.isEmpty() || ids.size() > MemoryLimits.BATCH) {
            throw ApiException.invalidField("ids", "must hold 1-" + MemoryLimits.BATCH + " ids");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                throw ApiException.invalidField("ids[" + i + "]", "must be a memory id");
            }
        }
        return ids;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
