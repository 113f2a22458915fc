package dev.memax.server.memory;

import dev.memax.server.access.AccessPolicy;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Cursors;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Memories by filter, not by meaning: {@code GET /v1/memories} (the {@link MemoryFilter} recall
 * uses too) and the full-text {@code GET /v1/memories/search}. Only hubs the caller reads.
 */
@Singleton
public class MemoryListings {
    private final AccessPolicy policy;
    private final MemoryRepository memories;
    private final Cursors cursors;

    public MemoryListings(AccessPolicy policy, MemoryRepository memories, Cursors cursors) {
        this.policy = policy;
        this.memories = memories;
        this.cursors = cursors;
    }

    /**
     * {@code GET /v1/memories}'s answer: the page, and how many memories each actor wrote among
     * those the other filters select (the Memax SDK's {@code actors}: {@code human} and agent slugs).
     */
    public record Listing(Page<Memory> page, Map<String, Long> actors) {
        @com.fasterxml.jackson.annotation.JsonValue
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>(page.json());
            json.put("actors", actors);
            return json;
        }
    }

    /** {@code GET /v1/memories}: the caller's readable hubs (or one of them), filtered and sorted, with {@code total}. */
    public Page<Memory> list(Caller caller, MemoryListRequest request, PageRequest page) {
        return page(query(caller, request), page);
    }

    /** {@link #list}, with the per-actor counts. */
    public Listing listing(Caller caller, MemoryListRequest request, PageRequest page) {
        MemoryQuery query = query(caller, request);
        return new Listing(page(query, page), memories.actorCounts(query));
    }

    private Page<Memory> page(MemoryQuery query, PageRequest page) {
        Page<Memory> result = cursors.page(
                "memories",
                "memories:" + query.sort(),
                page,
                (after, limit) -> memories.list(query, after, limit),
                query::position);
        return result.withTotal(memories.count(query));
    }

    /** The request over the hubs it may read: a named hub the caller cannot read is {@code 404}. */
    private MemoryQuery query(Caller caller, MemoryListRequest request) {
        List<UUID> hubs = policy.readableHubIds(caller);
        if (request.hubId() != null) {
            if (!hubs.contains(request.hubId())) {
                throw ApiException.notFound("Hub");
            }
            hubs = List.of(request.hubId());
        }
        return new MemoryQuery(request.filter().withHubs(hubs), request.sort(), request.actor());
    }

    /**
     * {@code GET /v1/memories/search}: fast full-text search, no embeddings (the Memax SDK's
     * {@code memories.search}). Every word must match (the last one as a prefix, for search as
     * you type); active, unexpired memories of the hubs the caller reads (or of {@code hub_id}),
     * those of the active hub ({@code X-Hub-ID}) first. Not a recall: no quota is charged and no
     * access recorded.
     */
    public List<SearchResult> search(Caller caller, MemorySearchRequest request) {
        UUID hub = request.hubId();
        List<UUID> hubs = policy.readableHubIds(caller);
        if (hub != null) {
            if (!hubs.contains(hub)) {
                throw ApiException.notFound("Hub");
            }
            hubs = List.of(hub);
        }
        if (hubs.isEmpty()) {
            return List.of();
        }
        return memories.search(
                hubs, request.tsquery(), request.topicId(), request.activeHub(), Now.instant(), request.limit());
    }
}
