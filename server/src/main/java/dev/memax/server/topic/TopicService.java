package dev.memax.server.topic;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.event.EventOutbox;
import dev.memax.server.event.EventType;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.HubAccess;
import dev.memax.server.memory.Memory;
import dev.memax.server.memory.MemoryGuard;
import dev.memax.server.memory.MemoryListRequest;
import dev.memax.server.memory.MemoryListings;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import dev.memax.server.platform.Transactions;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The rules of topics (docs/architecture.md §5.13): a tree of at most 5 levels per hub, no cycles,
 * unique active sibling names, archive and restore by subtree, and who may change what — viewers
 * read, contributors create and assign, changing or deleting another member's topic takes moderate
 * rights (as for memories, {@link HubAction#toChange}). Every change is announced as
 * {@code hub.topics.changed} in its transaction.
 */
@Singleton
public class TopicService {
    /** The deepest level a topic may sit at (0-indexed: 5 levels). */
    static final int MAX_DEPTH = 4;

    private final AccessPolicy policy;
    private final TopicRepository topics;
    private final MemoryGuard memories;
    private final MemoryListings listings;
    private final Transactions transactions;
    private final EventOutbox events;

    public TopicService(
            AccessPolicy policy,
            TopicRepository topics,
            MemoryGuard memories,
            MemoryListings listings,
            Transactions transactions,
            EventOutbox events) {
        this.policy = policy;
        this.topics = topics;
        this.memories = memories;
        this.listings = listings;
        this.transactions = transactions;
        this.events = events;
    }

    public record Archived(List<Topic> topics) {}

    /** {@code archived_count} for an archive, {@code restored_count} for a restore (the other is absent). */
    public record ArchiveResult(
            UUID topicId,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer archivedCount,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer restoredCount) {}

    public record Deleted(UUID id, boolean deleted, int deletedCount) {}

    public record Unassigned(UUID topicId, UUID memoryId, boolean unassigned) {}

    public record Reordered(int updated) {}

    public record Visited(String status, UUID topicId, Instant visitedAt) {}

    // --- read ---

    /** {@code GET /v1/topics}: the hub's active tree, by position, with counts. */
    public TopicTree.Listing tree(Caller caller, String hubId) {
        UUID hub = policy.writeTarget(caller, hubId, HubAction.READ).hub().id();
        Instant now = Now.instant();
        return transactions.executeRead(status -> {
            List<Topic> all = topics.list(hub, false);
            Map<UUID, TopicRepository.Counts> counts = topics.counts(hub, now);
            Map<UUID, List<Topic>> children = new HashMap<>();
            for (Topic t : all) {
                children.computeIfAbsent(t.parentId(), k -> new ArrayList<>()).add(t);
            }
            return new TopicTree.Listing(branch(children, counts, null, 0), topics.unassigned(hub, now));
        });
    }

    private static List<TopicTree> branch(
            Map<UUID, List<Topic>> children, Map<UUID, TopicRepository.Counts> counts, UUID parent, int depth) {
        if (depth > MAX_DEPTH) {
            return List.of();
        }
        return children.getOrDefault(parent, List.of()).stream()
                .map(t -> {
                    TopicRepository.Counts c = counts.getOrDefault(t.id(), new TopicRepository.Counts(0, 0));
                    return new TopicTree(t, c.memories(), c.total(), branch(children, counts, t.id(), depth + 1));
                })
                .toList();
    }

    /** {@code GET /v1/topics/{id}}. */
    public Topic get(Caller caller, String id) {
        return readable(caller, id);
    }

    /** {@code GET /v1/topics/archived}: most recently archived first. */
    public Archived archived(Caller caller, String hubId) {
        UUID hub = policy.writeTarget(caller, hubId, HubAction.READ).hub().id();
        return new Archived(topics.list(hub, true));
    }

    /** {@code GET /v1/topics/{id}/memories}: the memories a {@code topic_id} filter selects, active ones. */
    public Page<Memory> memories(Caller caller, String id, PageRequest page) {
        Topic topic = readable(caller, id);
        MemoryListRequest request = MemoryListRequest.parse(
                topic.hubId().toString(),
                null,
                topic.id().toString(),
                null,
                null,
                "active",
                null,
                null,
                null,
                null,
                null,
                null);
        return listings.list(caller, request, page);
    }

    // --- change ---

    /** {@code POST /v1/topics}: in the hub named by the body's {@code hub_id} or {@code X-Hub-ID}, else the personal hub. */
    public Topic create(Caller caller, TopicRequests.Create body, String headerHub) {
        TopicRequests.Create.Checked checked = body.check();
        String named = body.hubId() != null && !body.hubId().isBlank() ? body.hubId() : headerHub;
        HubAccess access = policy.writeTarget(caller, named, HubAction.WRITE);
        UUID hub = access.hub().id();
        return write(hub, () -> {
            UUID parent = checked.parentId();
            if (parent != null) {
                Topic p = parentIn(hub, parent);
                if (p.archived()) {
                    throw new ApiException(ErrorCode.PARENT_ARCHIVED, "The parent topic is archived");
                }
                if (topics.depth(parent) + 1 > MAX_DEPTH) {
                    throw new ApiException(
                            ErrorCode.MAX_DEPTH, "Topics nest at most " + (MAX_DEPTH + 1) + " levels deep");
                }
            }
            requireFreeName(hub, parent, checked.name(), null);
            Instant now = Now.instant();
            Topic topic = new Topic(
                    Ids.newId(),
                    caller.userId(),
                    hub,
                    parent,
                    checked.name(),
                    Objects.requireNonNullElse(body.description(), ""),
                    Objects.requireNonNullElse(body.icon(), ""),
                    topics.nextPosition(hub, parent),
                    false,
                    false,
                    now,
                    now,
                    null);
            topics.insert(topic);
            changed(caller, topic, "created");
            return topic;
        });
    }

    /**
     * {@code PATCH /v1/topics/{id}}. A rename or a move marks the topic {@code user_modified}, so
     * dreams respect it.
     */
    public Topic update(Caller caller, String id, TopicRequests.Patch patch) {
        TopicRequests.Patch.Checked checked = patch.check();
        Topic current = changeable(caller, id);
        return write(current.hubId(), () -> {
            Topic t = topics.find(current.id()).orElseThrow(() -> ApiException.notFound("Topic"));
            if (t.archived()) {
                throw new ApiException(ErrorCode.TOPIC_ARCHIVED, "The topic is archived: restore it first");
            }
            TopicRequests.Update v = patch.body().values();
            UUID parent = patch.movesParent() ? checked.parentId() : t.parentId();
            String name = checked.name() != null ? checked.name() : t.name();
            boolean moves = !Objects.equals(parent, t.parentId());
            if (moves) {
                requireMayMove(t, parent);
            }
            if (moves || !name.equalsIgnoreCase(t.name())) {
                requireFreeName(t.hubId(), parent, name, t.id());
            }
            Topic updated = new Topic(
                    t.id(),
                    t.ownerId(),
                    t.hubId(),
                    parent,
                    name,
                    v.description() != null ? v.description() : t.description(),
                    v.icon() != null ? v.icon() : t.icon(),
                    v.position() != null ? v.position() : t.position(),
                    v.pinned() != null ? v.pinned() : t.pinned(),
                    t.userModified() || moves || !name.equals(t.name()),
                    t.createdAt(),
                    Now.instant(),
                    null);
            topics.update(updated);
            changed(caller, updated, moves ? "moved" : "updated");
            return updated;
        });
    }

    /** {@code DELETE /v1/topics/{id}}: the topic and its subtree; their memories stay, placed in their other topics. */
    public Deleted delete(Caller caller, String id) {
        Topic topic = readable(caller, id);
        return write(topic.hubId(), () -> {
            List<TopicRepository.Member> subtree = requireMayChangeSubtree(caller, topic, false);
            List<UUID> ids = subtree.stream().map(TopicRepository.Member::id).toList();
            topics.repointPrimary(ids, null);
            topics.delete(topic.id());
            changed(caller, topic, "deleted");
            return new Deleted(topic.id(), true, ids.size());
        });
    }

    /** {@code POST /v1/topics/{id}/archive}: the topic and its active subtree, at one instant. Idempotent. */
    public ArchiveResult archive(Caller caller, String id) {
        Topic topic = readable(caller, id);
        return write(topic.hubId(), () -> {
            Topic t = topics.find(topic.id()).orElseThrow(() -> ApiException.notFound("Topic"));
            if (t.archived()) {
                return new ArchiveResult(t.id(), 0, null);
            }
            List<TopicRepository.Member> subtree = requireMayChangeSubtree(caller, t, true);
            int count = topics.archive(
                    subtree.stream().map(TopicRepository.Member::id).toList(), Now.instant());
            changed(caller, t, "archived");
            return new ArchiveResult(t.id(), count, null);
        });
    }

    /**
     * {@code POST /v1/topics/{id}/restore}: the topic and what was archived with it; under the root
     * when its parent is still archived. Idempotent.
     */
    public ArchiveResult restore(Caller caller, String id) {
        Topic topic = readable(caller, id);
        return write(topic.hubId(), () -> {
            Topic t = topics.find(topic.id()).orElseThrow(() -> ApiException.notFound("Topic"));
            if (!t.archived()) {
                return new ArchiveResult(t.id(), null, 0);
            }
            List<TopicRepository.Member> subtree = requireMayChangeSubtree(caller, t, true);
            UUID parent = t.parentId() != null
                            && topics.find(t.parentId()).map(Topic::archived).orElse(true)
                    ? null
                    : t.parentId();
            requireFreeName(t.hubId(), parent, t.name(), t.id());
            int count = topics.restore(
                    t.id(),
                    parent,
                    subtree.stream().map(TopicRepository.Member::id).toList(),
                    Now.instant());
            changed(caller, t, "restored");
            return new ArchiveResult(t.id(), null, count);
        });
    }

    /** {@code POST /v1/topics/reorder}: positions and parents of several topics of one hub, all or none. */
    public Reordered reorder(Caller caller, List<TopicRequests.Operation> operations) {
        List<Topic> targets = new ArrayList<>();
        for (TopicRequests.Operation op : operations) {
            Topic t = changeable(caller, op.topicId().toString());
            if (!targets.isEmpty() && !t.hubId().equals(targets.get(0).hubId())) {
                throw ApiException.invalidField("operations", "every topic must be in the same hub");
            }
            targets.add(t);
        }
        UUID hub = targets.get(0).hubId();
        return write(hub, () -> {
            for (TopicRequests.Operation op : operations) {
                Topic t = topics.find(op.topicId()).orElseThrow(() -> ApiException.notFound("Topic"));
                if (t.archived()) {
                    throw new ApiException(ErrorCode.TOPIC_ARCHIVED, "The topic is archived: restore it first");
                }
                UUID parent = op.movesParent() ? op.parentId() : t.parentId();
                boolean moves = !Objects.equals(parent, t.parentId());
                if (moves) {
                    requireMayMove(t, parent);
                    requireFreeName(hub, parent, t.name(), t.id());
                }
                Topic updated = new Topic(
                        t.id(),
                        t.ownerId(),
                        hub,
                        parent,
                        t.name(),
                        t.description(),
                        t.icon(),
                        op.position(),
                        t.pinned(),
                        t.userModified() || moves,
                        t.createdAt(),
                        Now.instant(),
                        null);
                topics.update(updated);
            }
            events.hub(EventType.TOPICS_CHANGED, hub, caller.userId(), null, Map.of("action", "reordered"));
            return new Reordered(operations.size());
        });
    }

    /**
     * {@code POST /v1/topics/{id}/memories}: places a memory of the topic's hub in it (201). A
     * person's link replaces a dream's; the memory's first topic becomes its primary one.
     */
    public TopicRepository.Link assign(Caller caller, String id, TopicRequests.Assign body) {
        String memoryId = body == null ? null : body.memoryId();
        Double confidence = body == null ? null : body.confidence();
        if (memoryId == null || memoryId.isBlank()) {
            throw ApiException.invalidField("memory_id", "is required");
        }
        if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
            throw ApiException.invalidField("confidence", "must be between 0 and 1");
        }
        Topic topic = readable(caller, id);
        policy.authorize(caller, topic.hubId(), HubAction.WRITE);
        Instant now = Now.instant();
        Memory memory = memories.readable(caller, memoryId.strip(), false, now);
        if (!memory.hubId().equals(topic.hubId())) {
            throw ApiException.invalidField("memory_id", "the memory is in another hub than the topic");
        }
        return write(topic.hubId(), () -> {
            requireActive(topic.id());
            TopicRepository.Link link = topics.place(
                    topic.id(), memory.id(), confidence == null ? 1.0 : confidence, caller.userId(), null, now);
            topics.setPrimaryIfNone(memory.id(), topic.id());
            changed(caller, topic, Map.of("action", "memory_assigned", "memory_id", memory.id()));
            return link;
        });
    }

    /**
     * {@code DELETE /v1/topics/{id}/memories/{memory_id}}: one's own placement takes write rights,
     * another's (or a dream's) moderate ones. A primary topic removed passes to another link.
     */
    public Unassigned unassign(Caller caller, String id, String memoryId) {
        Topic topic = readable(caller, id);
        UUID memory = Ids.parseOrNotFound(memoryId, "Memory");
        return write(topic.hubId(), () -> {
            requireActive(topic.id());
            TopicRepository.Link link =
                    topics.link(topic.id(), memory).orElseThrow(() -> ApiException.notFound("Memory"));
            policy.authorize(caller, topic.hubId(), HubAction.toChange(caller.userId(), link.placedByUserId()));
            topics.unlink(topic.id(), memory);
            topics.repointPrimary(List.of(topic.id()), memory);
            changed(caller, topic, Map.of("action", "memory_unassigned", "memory_id", memory));
            return new Unassigned(topic.id(), memory, true);
        });
    }

    /** {@code POST /v1/topics/{id}/visit}: when the caller last opened the topic. */
    public Visited visit(Caller caller, String id) {
        Topic topic = readable(caller, id);
        return new Visited("ok", topic.id(), topics.visit(topic.id(), caller.userId(), Now.instant()));
    }

    // --- rules ---

    /** The topic if the caller may read its hub; {@code not_found} otherwise, as for an absent one. */
    private Topic readable(Caller caller, String id) {
        Topic topic = topics.find(Ids.parseOrNotFound(id, "Topic"))
                .filter(t -> memories.visible(caller, t.hubId()))
                .orElseThrow(() -> ApiException.notFound("Topic"));
        policy.authorize(caller, topic.hubId(), HubAction.READ);
        return topic;
    }

    /** The topic if the caller may change it: its own with write rights, another's with moderate ones. */
    private Topic changeable(Caller caller, String id) {
        Topic topic = readable(caller, id);
        policy.authorize(caller, topic.hubId(), HubAction.toChange(caller.userId(), topic.ownerId()));
        return topic;
    }

    /** The subtree (with {@code sameArchive}: what is archived or active together with the topic), every topic of which the caller may change. */
    private List<TopicRepository.Member> requireMayChangeSubtree(Caller caller, Topic topic, boolean sameArchive) {
        List<TopicRepository.Member> subtree = topics.subtree(topic.id(), sameArchive);
        boolean othersToo = subtree.stream().anyMatch(m -> !caller.userId().equals(m.ownerId()));
        policy.authorize(caller, topic.hubId(), othersToo ? HubAction.MODERATE : HubAction.WRITE);
        return subtree;
    }

    /** A move of {@code t} under {@code parent} (null: the root) keeps the tree acyclic and at most 5 levels deep. */
    private void requireMayMove(Topic t, UUID parent) {
        List<TopicRepository.Member> subtree = topics.subtree(t.id(), false);
        if (parent == null) {
            return;
        }
        if (subtree.stream().anyMatch(m -> m.id().equals(parent))) {
            throw new ApiException(
                    ErrorCode.CYCLE_DETECTED, "A topic cannot move under itself or one of its descendants");
        }
        Topic p = parentIn(t.hubId(), parent);
        if (p.archived()) {
            throw new ApiException(ErrorCode.PARENT_ARCHIVED, "The parent topic is archived");
        }
        int height =
                subtree.stream().mapToInt(TopicRepository.Member::depth).max().orElse(0);
        if (topics.depth(parent) + 1 + height > MAX_DEPTH) {
            throw new ApiException(
                    ErrorCode.MAX_DEPTH_SUBTREE,
                    "Under this parent the topic's subtree would be deeper than " + (MAX_DEPTH + 1) + " levels");
        }
    }

    /** The parent, a topic of the same hub; {@code invalid_parent} otherwise (absent and foreign alike). */
    private Topic parentIn(UUID hub, UUID parent) {
        return topics.find(parent)
                .filter(p -> p.hubId().equals(hub))
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_PARENT, "The parent is no topic of this hub"));
    }

    private void requireFreeName(UUID hub, UUID parent, String name, UUID except) {
        if (topics.nameTaken(hub, parent, name, except)) {
            throw new ApiException(ErrorCode.DUPLICATE_NAME, "A sibling topic is already named \"" + name + "\"");
        }
    }

    private void requireActive(UUID id) {
        Topic t = topics.find(id).orElseThrow(() -> ApiException.notFound("Topic"));
        if (t.archived()) {
            throw new ApiException(ErrorCode.TOPIC_ARCHIVED, "The topic is archived: restore it first");
        }
    }

    /** A change of the hub's tree: under the hub's tree lock, in one transaction. */
    private <T> T write(UUID hub, Supplier<T> change) {
        return transactions.executeWrite(status -> {
            topics.lockTree(hub);
            return change.get();
        });
    }

    private void changed(Caller caller, Topic topic, String action) {
        changed(caller, topic, Map.of("action", action));
    }

    private void changed(Caller caller, Topic topic, Map<String, Object> payload) {
        events.hub(EventType.TOPICS_CHANGED, topic.hubId(), caller.userId(), topic.id(), payload);
    }
}
