package dev.memax.server.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.PatchBody;
import dev.memax.server.platform.Transactions;
import dev.memax.server.usage.UsageMetric;
import dev.memax.server.usage.UsageService;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The rules of memories (docs/architecture.md §5.5). Every decision about who may do what is asked of
 * {@link AccessPolicy}: {@code READ} to see a memory (a memory in a hub the caller cannot read
 * is {@code not_found}), {@code WRITE} to create and to change one's own, {@code MODERATE} to
 * change or delete another member's.
 *
 * <p>This class owns one memory's life after its push ({@link MemoryUpserts}): read, access,
 * share, patch and delete. A patch re-chunks and re-embeds as a push does, and is planned again
 * when a concurrent request changed the memory in between.
 */
@Singleton
public class MemoryService {
    private final AccessPolicy policy;
    private final MemoryRepository memories;
    private final MemoryInput input;
    private final EmbeddingProvider embeddings;
    private final Transactions transactions;
    private final ObjectMapper json;
    private final UsageService usage;
    private final MemoryEvents events;
    private final MemoryGuard guard;
    private final MemoryUpserts upserts;
    private final TopicPlacement topics;

    public MemoryService(
            AccessPolicy policy,
            MemoryRepository memories,
            MemoryInput input,
            EmbeddingProvider embeddings,
            MemoryGuard guard,
            Transactions transactions,
            ObjectMapper json,
            UsageService usage,
            MemoryEvents events,
            MemoryUpserts upserts,
            TopicPlacement topics) {
        this.policy = policy;
        this.memories = memories;
        this.input = input;
        this.embeddings = embeddings;
        this.guard = guard;
        this.transactions = transactions;
        this.json = json;
        this.usage = usage;
        this.events = events;
        this.upserts = upserts;
        this.topics = topics;
    }

    public record Deleted(UUID id, boolean deleted) {}

    // --- read ---

    /** {@code GET /v1/memories/{id}}; an expired memory only with {@code includeExpired}. */
    public Memory get(Caller caller, String id, boolean includeExpired) {
        return guard.readable(caller, id, includeExpired, Now.instant());
    }

    /** The answer of {@code POST /v1/memories/{id}/access}. */
    public record Accessed(UUID id, long accessCount, Instant accessedAt) {}

    /**
     * {@code POST /v1/memories/{id}/access}: one deliberate open of the memory by a user or agent
     * (the Memax SDK's {@code trackAccessed}), counted at once in {@code access_count} and
     * {@code accessed_at}, which feed recall's access boost. Reading a memory never counts, so
     * prefetches do not inflate the signal. Any reader may record it; the memory does not change
     * version.
     */
    public Accessed access(Caller caller, String id) {
        Instant now = Now.instant();
        Memory memory = guard.readable(caller, id, false, now);
        long count = memories.addAccess(memory.id(), now).orElseThrow(() -> ApiException.notFound("Memory"))[0];
        return new Accessed(memory.id(), count, now);
    }

    /**
     * {@code POST /v1/memories/{id}/share {target_hub_id}}: a copy of the memory in another hub
     * the caller may write (the Memax SDK's {@code memories.share}), owned by the caller, with
     * {@code metadata.shared_from} naming the original. The copy is a push into that hub: 201
     * when new; with a source_path the hub already holds, the same upsert rules (200).
     */
    public MemoryUpserts.Pushed share(Caller caller, String id, MemoryRequests.Share body) {
        FieldErrors errors = new FieldErrors();
        String target = body == null || blank(body.targetHubId())
                ? null
                : body.targetHubId().strip();
        if (target == null) {
            errors.add("target_hub_id", "is required");
        }
        UUID targetId = target == null ? null : MemoryInput.uuid(target, "target_hub_id", errors);
        errors.throwIfAny();
        Memory source = guard.readable(caller, id, false, Now.instant());
        if (source.hubId().equals(targetId)) {
            throw ApiException.invalidField("target_hub_id", "is the hub the memory is already in");
        }
        policy.authorize(caller, targetId, HubAction.WRITE);
        ObjectNode metadata = source.metadata() != null && source.metadata().isObject()
                ? source.metadata().deepCopy()
                : json.createObjectNode();
        metadata.putObject("shared_from")
                .put("memory_id", source.id().toString())
                .put("hub_id", source.hubId().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> copiedMetadata = json.convertValue(metadata, Map.class);
        MemoryRequests.CreateMemory copy = new MemoryRequests.CreateMemory(
                source.content(),
                source.title(),
                source.summary(),
                source.kind(),
                source.stability(),
                source.tags(),
                source.source(),
                source.sourceAgent(),
                source.sourcePath(),
                source.sessionId(),
                copiedMetadata,
                source.projectContext(),
                source.eventDates().stream().map(Instant::toString).toList(),
                null,
                source.expiresAt() == null ? null : source.expiresAt().toString(),
                null,
                targetId.toString());
        return upserts.create(caller, copy, null);
    }

    // --- change ---

    /**
     * {@code PATCH /v1/memories/{id}}: the fields present in {@code body} (null clears the
     * nullable ones). A real change bumps the version and records it; changed content or title
     * re-chunks and re-embeds.
     */
    public Memory update(Caller caller, String id, PatchBody<MemoryRequests.UpdateMemory> patch) {
        Map<String, float[]> embedded = new HashMap<>();
        for (int attempt = 1; ; attempt++) {
            Instant now = Now.instant();
            Memory current = guard.readable(caller, id, true, now);
            guard.requireEdit(caller, current);
            MemoryFields before = MemoryFields.of(current);
            MemoryFields after = input.update(before, patch, now);
            ObjectNode changes = after.diff(before, json);
            if (changes.isEmpty()) {
                return current;
            }
            MemoryUpserts.Plan plan = new MemoryUpserts.Plan(null, null);
            if (after.needsReembedding(before)) {
                upserts.chunk(plan, after);
                upserts.embed(List.of(plan), embedded);
            }
            try {
                return transactions.executeWrite(status -> {
                    Memory locked = memories.lock(current.id()).orElseThrow(MemoryUpserts.Stale::new);
                    if (locked.version() != current.version()) {
                        throw new MemoryUpserts.Stale();
                    }
                    int version = locked.version() + 1;
                    boolean movesTopic = !Objects.equals(before.topicId, after.topicId);
                    if (movesTopic && after.topicId != null) {
                        topics.requirePlaceable(locked.hubId(), after.topicId);
                    }
                    memories.update(current.id(), after, Hashes.sha256Hex(after.content), version, now);
                    memories.insertVersion(current.id(), version, caller.userId(), now, "updated", changes);
                    if (movesTopic) {
                        topics.primaryChanged(current.id(), before.topicId, after.topicId, caller.userId(), now);
                    }
                    if (plan.chunks != null) {
                        memories.replaceChunks(current.id(), locked.hubId(), embeddings.modelId(), plan.embedded);
                    }
                    usage.charge(caller.userId(), UsageMetric.PUSHES, 1);
                    usage.requireOwnedWithinLimits(
                            locked.ownerId(), 0, MemoryUpserts.growth(locked.content(), after.content));
                    events.changed(locked.hubId(), caller, current.id(), MemoryEvents.updateAction(changes));
                    return memories.find(current.id()).orElseThrow();
                });
            } catch (RuntimeException e) {
                if (MemoryRepository.violatesSourcePath(e)) {
                    throw ApiException.conflict("Another memory in this hub has this source_path");
                }
                if (!MemoryUpserts.stale(e)) {
                    throw e;
                }
                if (attempt >= MemoryUpserts.WRITE_ATTEMPTS) {
                    throw ApiException.conflict("The memory was changed by concurrent requests; retry");
                }
            }
        }
    }

    /** {@code DELETE /v1/memories/{id}}: the memory, its chunks and its history. */
    public Deleted delete(Caller caller, String id) {
        Memory memory = guard.readable(caller, id, true, Now.instant());
        guard.requireEdit(caller, memory);
        return transactions.executeWrite(status -> {
            if (memories.delete(List.of(memory.id())) > 0) {
                events.changed(memory.hubId(), caller, memory.id(), "deleted");
            }
            return new Deleted(memory.id(), true);
        });
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
