package dev.memax.sdk;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.models.Deleted;
import dev.memax.sdk.models.MemoriesDeleted;
import dev.memax.sdk.models.MemoriesMoved;
import dev.memax.sdk.models.Memory;
import dev.memax.sdk.models.MemoryAccess;
import dev.memax.sdk.models.MemoryVersion;
import dev.memax.sdk.models.RelatedMemory;
import dev.memax.sdk.models.SearchResult;
import dev.memax.sdk.params.ListParams;
import dev.memax.sdk.params.MemoryCreateParams;
import dev.memax.sdk.params.MemoryListParams;
import dev.memax.sdk.params.MemoryMoveParams;
import dev.memax.sdk.params.MemoryUpdateParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Memories: {@code /v1/memories}.
 *
 * <pre>{@code
 * Memory m = client.memories().create(MemoryCreateParams.builder()
 *         .content("# Deploying\n\nRun `make deploy`.").title("Deploying").tags("ops").build());
 * for (Memory each : client.memories().list(MemoryListParams.builder().tags("ops").build()).autoPagingIterable()) {
 *     System.out.println(each.title());
 * }
 * }</pre>
 *
 * <p>A memory in a hub the caller cannot read is always {@link dev.memax.sdk.errors.NotFoundException};
 * a role or scope too low is {@link dev.memax.sdk.errors.PermissionDeniedException} (contributors
 * change their own memories, admins anyone's).
 */
public final class MemoryService {
    private static final String PATH = "/v1/memories";
    private final Transport transport;

    MemoryService(Transport transport) {
        this.transport = transport;
    }

    /**
     * Pushes a memory; it is recallable when this returns. Goes to the params' hub, else the
     * call's {@code X-Hub-ID}, else the personal hub. With a {@code sourcePath} the hub already
     * holds, that memory is answered unchanged (same content) or updated in place (new version).
     * {@code POST /v1/memories}.
     *
     * @throws dev.memax.sdk.errors.ApiException        {@code payload_too_large} (413): content over 1 MB
     * @throws dev.memax.sdk.errors.ValidationException a field over its limit or invalid
     */
    public Memory create(MemoryCreateParams params) {
        return create(params, RequestOptions.NONE);
    }

    /** {@link #create(MemoryCreateParams)} with per-call options. */
    public Memory create(MemoryCreateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("POST", PATH, params, options, Transport.Auth.REQUIRED, Memory.class);
    }

    /**
     * Pushes up to 100 memories at once, all or nothing, embedded as one batch; answers them in
     * input order. {@code POST /v1/memories/batch}.
     */
    public List<Memory> createBatch(List<MemoryCreateParams> memories) {
        return createBatch(memories, RequestOptions.NONE);
    }

    /** {@link #createBatch(List)} with per-call options. */
    public List<Memory> createBatch(List<MemoryCreateParams> memories, RequestOptions options) {
        Objects.requireNonNull(memories, "memories");
        return transport
                .call(
                        "POST",
                        PATH + "/batch",
                        new Batch(List.copyOf(memories)),
                        options,
                        Transport.Auth.REQUIRED,
                        BatchAnswer.class)
                .memories();
    }

    /** Every memory the caller may read, newest first (first page). {@code GET /v1/memories}. */
    public Page<Memory> list() {
        return list(MemoryListParams.DEFAULT, RequestOptions.NONE);
    }

    /** Memories matching the filters, in the chosen order; {@link Page#total()} counts them all. */
    public Page<Memory> list(MemoryListParams params) {
        return list(params, RequestOptions.NONE);
    }

    /**
     * {@link #list(MemoryListParams)} with per-call options. A hub in the options
     * ({@code X-Hub-ID}) narrows the list to that hub when the params name none; the client's
     * default hub does not narrow it.
     */
    public Page<Memory> list(MemoryListParams params, RequestOptions options) {
        MemoryListParams p = params == null ? MemoryListParams.DEFAULT : params;
        JsonNode data = transport
                .send("GET", PATH, p.toQuery(), null, options, Transport.Auth.REQUIRED_CALL_HUB)
                .data();
        if (!data.isObject()) {
            throw new MemaxException("GET " + PATH + ": expected a page object, got " + data.getNodeType());
        }
        JavaType listType = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Memory.class);
        List<Memory> items =
                data.path("memories").isArray() ? Json.MAPPER.convertValue(data.get("memories"), listType) : List.of();
        String next =
                data.path("next_cursor").isTextual() ? data.get("next_cursor").asText() : "";
        Long total = data.path("total").isIntegralNumber() ? data.get("total").asLong() : null;
        return new Page<>(
                items,
                next,
                data.path("has_more").asBoolean(false),
                total,
                cursor -> list(p.withCursor(cursor), options));
    }

    /** One memory (an expired one is not found). {@code GET /v1/memories/{id}}. */
    public Memory get(UUID id) {
        return get(id, false, RequestOptions.NONE);
    }

    /** One memory; with {@code includeExpired}, also one whose expiry has passed. */
    public Memory get(UUID id, boolean includeExpired, RequestOptions options) {
        return transport.call(
                "GET", path(id), includeExpired ? Map.of("include_expired", "true") : Map.of(), options, Memory.class);
    }

    /**
     * Changes the fields set in {@code params}; a change is a new version, recorded in the
     * history. {@code PATCH /v1/memories/{id}}.
     *
     * @throws dev.memax.sdk.errors.ConflictException another memory of the hub has the new source path
     */
    public Memory update(UUID id, MemoryUpdateParams params) {
        return update(id, params, RequestOptions.NONE);
    }

    /** {@link #update(UUID, MemoryUpdateParams)} with per-call options. */
    public Memory update(UUID id, MemoryUpdateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("PATCH", path(id), params, options, Transport.Auth.REQUIRED, Memory.class);
    }

    /** Deletes a memory with its history. {@code DELETE /v1/memories/{id}}. */
    public Deleted delete(UUID id) {
        return delete(id, RequestOptions.NONE);
    }

    /** {@link #delete(UUID)} with per-call options. */
    public Deleted delete(UUID id, RequestOptions options) {
        return transport.call("DELETE", path(id), null, options, Transport.Auth.REQUIRED, Deleted.class);
    }

    /** Every version of a memory, newest first (first page). {@code GET /v1/memories/{id}/history}. */
    public Page<MemoryVersion> history(UUID id) {
        return history(id, ListParams.DEFAULT, RequestOptions.NONE);
    }

    /** {@link #history(UUID)} with a page size or cursor, and per-call options. */
    public Page<MemoryVersion> history(UUID id, ListParams params, RequestOptions options) {
        return transport.page(path(id) + "/history", "versions", params, options, MemoryVersion.class);
    }

    /** The 10 memories nearest to this one, nearest first. {@code GET /v1/memories/{id}/related}. */
    public List<RelatedMemory> related(UUID id) {
        return related(id, null, false, RequestOptions.NONE);
    }

    /**
     * The memories nearest to this one.
     *
     * @param limit          1-50 (10 when null)
     * @param includeExpired also expired memories
     */
    public List<RelatedMemory> related(UUID id, Integer limit, boolean includeExpired, RequestOptions options) {
        Map<String, String> query = new LinkedHashMap<>();
        if (limit != null) {
            query.put("limit", limit.toString());
        }
        if (includeExpired) {
            query.put("include_expired", "true");
        }
        return transport.list(
                "GET", path(id) + "/related", query, options, Transport.Auth.REQUIRED, "memories", RelatedMemory.class);
    }

    /**
     * Deletes up to 100 memories: those the caller may delete are, the others are skipped.
     * {@code POST /v1/memories/batch-delete}.
     */
    public MemoriesDeleted deleteBatch(List<UUID> ids) {
        return deleteBatch(ids, RequestOptions.NONE);
    }

    /** {@link #deleteBatch(List)} with per-call options. */
    public MemoriesDeleted deleteBatch(List<UUID> ids, RequestOptions options) {
        Objects.requireNonNull(ids, "ids");
        return transport.call(
                "POST",
                PATH + "/batch-delete",
                new Ids(List.copyOf(ids)),
                options,
                Transport.Auth.REQUIRED,
                MemoriesDeleted.class);
    }

    /**
     * Moves up to 100 memories to another hub and/or topic; those the caller may not move are
     * skipped. {@code POST /v1/memories/batch-move}.
     *
     * @throws dev.memax.sdk.errors.NotFoundException         a destination hub the caller cannot see
     * @throws dev.memax.sdk.errors.PermissionDeniedException a destination hub the caller cannot write
     */
    public MemoriesMoved moveBatch(MemoryMoveParams params) {
        return moveBatch(params, RequestOptions.NONE);
    }

    /** {@link #moveBatch(MemoryMoveParams)} with per-call options. */
    public MemoriesMoved moveBatch(MemoryMoveParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call(
                "POST", PATH + "/batch-move", params, options, Transport.Auth.REQUIRED, MemoriesMoved.class);
    }

    /**
     * Full-text search of the memories the caller may read (no embeddings; every word must
     * appear, the last as a prefix), best first. {@code GET /v1/memories/search}.
     *
     * @throws dev.memax.sdk.errors.ValidationException a query without a letter or digit
     */
    public List<SearchResult> search(String query) {
        return search(query, null, null, null, RequestOptions.NONE);
    }

    /**
     * {@link #search(String)} narrowed and with per-call options; the hub of
     * {@link RequestOptions}' {@code X-Hub-ID} is ranked first.
     *
     * @param limit   1-100 (20 when null)
     * @param hubId   only this hub, or null
     * @param topicId only this topic, or null
     */
    public List<SearchResult> search(String query, Integer limit, UUID hubId, UUID topicId, RequestOptions options) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", Objects.requireNonNull(query, "query"));
        if (limit != null) {
            params.put("limit", limit.toString());
        }
        if (hubId != null) {
            params.put("hub_id", hubId.toString());
        }
        if (topicId != null) {
            params.put("topic_id", topicId.toString());
        }
        JsonNode data = transport
                .send("GET", PATH + "/search", params, null, options, Transport.Auth.REQUIRED)
                .data();
        if (!data.isArray()) {
            throw new MemaxException("GET " + PATH + "/search: expected an array, got " + data.getNodeType());
        }
        JavaType listType = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, SearchResult.class);
        return List.copyOf(Json.MAPPER.convertValue(data, listType));
    }

    /**
     * Records one deliberate open of the memory (its {@code access_count} and {@code accessed_at},
     * which recall's ranking reads); reading a memory never counts. {@code POST /v1/memories/{id}/access}.
     */
    public MemoryAccess recordAccess(UUID id) {
        return recordAccess(id, RequestOptions.NONE);
    }

    /** {@link #recordAccess(UUID)} with per-call options. */
    public MemoryAccess recordAccess(UUID id, RequestOptions options) {
        return transport.call("POST", path(id) + "/access", null, options, Transport.Auth.REQUIRED, MemoryAccess.class);
    }

    /**
     * Copies the memory into another hub the caller may write; the copy's
     * {@code metadata.shared_from} names the original. {@code POST /v1/memories/{id}/share}.
     *
     * @throws dev.memax.sdk.errors.NotFoundException         the memory or the hub is not visible
     * @throws dev.memax.sdk.errors.PermissionDeniedException the caller cannot write the target hub
     * @throws dev.memax.sdk.errors.ValidationException       the target is the memory's own hub
     */
    public Memory share(UUID id, UUID targetHubId) {
        return share(id, targetHubId, RequestOptions.NONE);
    }

    /** {@link #share(UUID, UUID)} with per-call options. */
    public Memory share(UUID id, UUID targetHubId, RequestOptions options) {
        Objects.requireNonNull(targetHubId, "targetHubId");
        return transport.call(
                "POST",
                path(id) + "/share",
                Map.of("target_hub_id", targetHubId.toString()),
                options,
                Transport.Auth.REQUIRED,
                Memory.class);
    }

    private static String path(UUID id) {
        return PATH + "/" + ApiKeyService.id(id);
    }

    record Batch(List<MemoryCreateParams> memories) {}

    record BatchAnswer(List<Memory> memories) {
        BatchAnswer {
            memories = memories == null ? List.of() : List.copyOf(memories);
        }
    }

    record Ids(List<UUID> ids) {}
}
