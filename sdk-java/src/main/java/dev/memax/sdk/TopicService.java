package dev.memax.sdk;

import dev.memax.sdk.models.Memory;
import dev.memax.sdk.models.Topic;
import dev.memax.sdk.models.TopicArchiveResult;
import dev.memax.sdk.models.TopicDeleted;
import dev.memax.sdk.models.TopicLink;
import dev.memax.sdk.models.TopicList;
import dev.memax.sdk.models.TopicUnassigned;
import dev.memax.sdk.models.TopicVisit;
import dev.memax.sdk.models.TopicsReordered;
import dev.memax.sdk.params.ListParams;
import dev.memax.sdk.params.TopicCreateParams;
import dev.memax.sdk.params.TopicReorderOperation;
import dev.memax.sdk.params.TopicUpdateParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Topics: {@code /v1/topics}, a tree of at most 5 levels per hub that memories are placed in. The
 * hub of {@link #list()}, {@link #listArchived()} and {@link #create} is the call's
 * {@code X-Hub-ID} ({@link RequestOptions#ofHub}), else the client's default hub, else the
 * caller's personal hub; a topic's own calls find its hub from the topic. A topic in a hub the
 * caller cannot read is {@link dev.memax.sdk.errors.NotFoundException}; a rule of the tree
 * ({@code invalid_parent}, {@code cycle_detected}, {@code max_depth}, {@code max_depth_subtree},
 * {@code duplicate_name}, {@code topic_archived}, {@code parent_archived}) is a
 * {@link dev.memax.sdk.errors.ValidationException} (422) or {@link dev.memax.sdk.errors.ConflictException}
 * (409) whose {@code code()} names it.
 */
public final class TopicService {
    private static final String PATH = "/v1/topics";
    private final Transport transport;

    TopicService(Transport transport) {
        this.transport = transport;
    }

    /** The hub's active topic tree with counts. {@code GET /v1/topics}. */
    public TopicList list() {
        return list(RequestOptions.NONE);
    }

    /** {@link #list()} with per-call options (its hub: {@code X-Hub-ID}). */
    public TopicList list(RequestOptions options) {
        return transport.call("GET", PATH, null, options, Transport.Auth.REQUIRED, TopicList.class);
    }

    /** One topic, active or archived. {@code GET /v1/topics/{id}}. */
    public Topic get(UUID topicId) {
        return get(topicId, RequestOptions.NONE);
    }

    /** {@link #get(UUID)} with per-call options. */
    public Topic get(UUID topicId, RequestOptions options) {
        return transport.call("GET", path(topicId), null, options, Transport.Auth.REQUIRED, Topic.class);
    }

    /** Creates a topic (contributor). {@code POST /v1/topics}. */
    public Topic create(TopicCreateParams params) {
        return create(params, RequestOptions.NONE);
    }

    /** {@link #create(TopicCreateParams)} with per-call options. */
    public Topic create(TopicCreateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("POST", PATH, params, options, Transport.Auth.REQUIRED, Topic.class);
    }

    /** Renames, re-describes, pins or moves a topic. {@code PATCH /v1/topics/{id}}. */
    public Topic update(UUID topicId, TopicUpdateParams params) {
        return update(topicId, params, RequestOptions.NONE);
    }

    /** {@link #update(UUID, TopicUpdateParams)} with per-call options. */
    public Topic update(UUID topicId, TopicUpdateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("PATCH", path(topicId), params, options, Transport.Auth.REQUIRED, Topic.class);
    }

    /** Deletes a topic and its subtree; their memories stay. {@code DELETE /v1/topics/{id}}. */
    public TopicDeleted delete(UUID topicId) {
        return delete(topicId, RequestOptions.NONE);
    }

    /** {@link #delete(UUID)} with per-call options. */
    public TopicDeleted delete(UUID topicId, RequestOptions options) {
        return transport.call("DELETE", path(topicId), null, options, Transport.Auth.REQUIRED, TopicDeleted.class);
    }

    /** The hub's archived topics, most recently archived first. {@code GET /v1/topics/archived}. */
    public List<Topic> listArchived() {
        return listArchived(RequestOptions.NONE);
    }

    /** {@link #listArchived()} with per-call options (its hub: {@code X-Hub-ID}). */
    public List<Topic> listArchived(RequestOptions options) {
        return transport.list(
                "GET", PATH + "/archived", Map.of(), options, Transport.Auth.REQUIRED, "topics", Topic.class);
    }

    /** Archives the topic and its subtree. {@code POST /v1/topics/{id}/archive}. */
    public TopicArchiveResult archive(UUID topicId) {
        return archive(topicId, RequestOptions.NONE);
    }

    /** {@link #archive(UUID)} with per-call options. */
    public TopicArchiveResult archive(UUID topicId, RequestOptions options) {
        return transport.call(
                "POST",
                path(topicId) + "/archive",
                Map.of(),
                options,
                Transport.Auth.REQUIRED,
                TopicArchiveResult.class);
    }

    /** Restores the topic and what was archived with it. {@code POST /v1/topics/{id}/restore}. */
    public TopicArchiveResult restore(UUID topicId) {
        return restore(topicId, RequestOptions.NONE);
    }

    /** {@link #restore(UUID)} with per-call options. */
    public TopicArchiveResult restore(UUID topicId, RequestOptions options) {
        return transport.call(
                "POST",
                path(topicId) + "/restore",
                Map.of(),
                options,
                Transport.Auth.REQUIRED,
                TopicArchiveResult.class);
    }

    /** The active memories in the topic and its subtree, newest first. {@code GET /v1/topics/{id}/memories}. */
    public Page<Memory> memories(UUID topicId, ListParams params) {
        return memories(topicId, params, RequestOptions.NONE);
    }

    /** {@link #memories(UUID, ListParams)} with per-call options. */
    public Page<Memory> memories(UUID topicId, ListParams params, RequestOptions options) {
        return transport.page(path(topicId) + "/memories", "memories", params, options, Memory.class);
    }

    /**
     * Places a memory of the topic's hub in the topic (the auto-assignment primitive; a person's
     * own moves go through {@link MemoryService#moveBatch}). {@code POST /v1/topics/{id}/memories}.
     *
     * @param confidence 0-1; null for 1
     */
    public TopicLink assignMemory(UUID topicId, UUID memoryId, Double confidence) {
        return assignMemory(topicId, memoryId, confidence, RequestOptions.NONE);
    }

    /** {@link #assignMemory(UUID, UUID, Double)} with per-call options. */
    public TopicLink assignMemory(UUID topicId, UUID memoryId, Double confidence, RequestOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("memory_id", ApiKeyService.id(memoryId));
        if (confidence != null) {
            body.put("confidence", confidence);
        }
        return transport.call(
                "POST", path(topicId) + "/memories", body, options, Transport.Auth.REQUIRED, TopicLink.class);
    }

    /** Takes a memory out of a topic. {@code DELETE /v1/topics/{id}/memories/{memory_id}}. */
    public TopicUnassigned unassignMemory(UUID topicId, UUID memoryId) {
        return unassignMemory(topicId, memoryId, RequestOptions.NONE);
    }

    /** {@link #unassignMemory(UUID, UUID)} with per-call options. */
    public TopicUnassigned unassignMemory(UUID topicId, UUID memoryId, RequestOptions options) {
        return transport.call(
                "DELETE",
                path(topicId) + "/memories/" + ApiKeyService.id(memoryId),
                null,
                options,
                Transport.Auth.REQUIRED,
                TopicUnassigned.class);
    }

    /** Sets the positions (and parents) of several topics of one hub, all or none. {@code POST /v1/topics/reorder}. */
    public TopicsReordered reorder(List<TopicReorderOperation> operations) {
        return reorder(operations, RequestOptions.NONE);
    }

    /** {@link #reorder(List)} with per-call options. */
    public TopicsReordered reorder(List<TopicReorderOperation> operations, RequestOptions options) {
        Objects.requireNonNull(operations, "operations");
        return transport.call(
                "POST",
                PATH + "/reorder",
                Map.of("operations", List.copyOf(operations)),
                options,
                Transport.Auth.REQUIRED,
                TopicsReordered.class);
    }

    /** Records that the caller opened the topic now. {@code POST /v1/topics/{id}/visit}. */
    public TopicVisit visit(UUID topicId) {
        return visit(topicId, RequestOptions.NONE);
    }

    /** {@link #visit(UUID)} with per-call options. */
    public TopicVisit visit(UUID topicId, RequestOptions options) {
        return transport.call(
                "POST", path(topicId) + "/visit", Map.of(), options, Transport.Auth.REQUIRED, TopicVisit.class);
    }

    private static String path(UUID topicId) {
        return PATH + "/" + ApiKeyService.id(topicId);
    }
}
