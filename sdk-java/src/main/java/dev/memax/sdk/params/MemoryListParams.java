package dev.memax.sdk.params;

import dev.memax.sdk.models.MemoryKind;
import dev.memax.sdk.models.MemoryState;
import dev.memax.sdk.models.WireEnum;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Filters, order and paging of {@code GET /v1/memories}. Every filter is optional and they
 * combine; {@code tags} needs every tag named.
 *
 * @param hubId          only this hub (else every hub the caller may read)
 * @param kind           only this kind
 * @param topicId        only this topic
 * @param tags           only memories carrying all of these tags
 * @param source         only this source
 * @param state          only this state (every state when null)
 * @param pinned         only pinned ({@code true}) or unpinned ({@code false}) memories
 * @param createdAfter   created strictly after
 * @param createdBefore  created strictly before
 * @param includeExpired also expired memories
 * @param sort           the order; newest first when null
 * @param actor          only memories of this actor: {@code human} (written without an agent) or an
 *                       agent's name or slug (see {@code client.agents()})
 * @param limit          items per page (1-100; the server's default, 20, when null)
 * @param cursor         the {@code nextCursor} of the previous page, or null for the first
 */
public record MemoryListParams(
        UUID hubId,
        MemoryKind kind,
        UUID topicId,
        List<String> tags,
        String source,
        MemoryState state,
        Boolean pinned,
        Instant createdAfter,
        Instant createdBefore,
        Boolean includeExpired,
        Sort sort,
        Integer limit,
        String cursor,
        String actor) {
    /** Every memory the caller may read, newest first, first page. */
    public static final MemoryListParams DEFAULT = builder().build();

    /** Orders of the list; each pages by its own key, so paging stays stable while memories are added. */
    public enum Sort implements WireEnum {
        /** Created, newest first. */
        NEWEST,
        /** Created, oldest first. */
        OLDEST,
        /** Last changed first. */
        UPDATED,
        /** Pinned first, then the most accessed, then the newest. */
        RELEVANT
    }

    public MemoryListParams {
        tags = tags == null ? null : List.copyOf(tags);
    }

    /** Without an actor filter (the constructor before {@code actor} was added). */
    public MemoryListParams(
            UUID hubId,
            MemoryKind kind,
            UUID topicId,
            List<String> tags,
            String source,
            MemoryState state,
            Boolean pinned,
            Instant createdAfter,
            Instant createdBefore,
            Boolean includeExpired,
            Sort sort,
            Integer limit,
            String cursor) {
        this(
                hubId,
                kind,
                topicId,
                tags,
                source,
                state,
                pinned,
                createdAfter,
                createdBefore,
                includeExpired,
                sort,
                limit,
                cursor,
                null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same filters, starting at {@code cursor}. */
    public MemoryListParams withCursor(String cursor) {
        return new MemoryListParams(
                hubId,
                kind,
                topicId,
                tags,
                source,
                state,
                pinned,
                createdAfter,
                createdBefore,
                includeExpired,
                sort,
                limit,
                cursor,
                actor);
    }

    /** The query parameters these params send. */
    public Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        QueryParams.put(query, "hub_id", hubId);
        QueryParams.put(query, "kind", kind);
        QueryParams.put(query, "topic_id", topicId);
        QueryParams.put(query, "tags", tags == null || tags.isEmpty() ? null : String.join(",", tags));
        QueryParams.put(query, "source", source);
        QueryParams.put(query, "state", state);
        QueryParams.put(query, "pinned", pinned);
        QueryParams.put(query, "created_after", createdAfter);
        QueryParams.put(query, "created_before", createdBefore);
        QueryParams.put(query, "include_expired", includeExpired);
        QueryParams.put(query, "sort", sort);
        QueryParams.put(query, "actor", actor);
        QueryParams.putPage(query, limit, cursor);
        return query;
    }

    /** Builds {@link MemoryListParams}. */
    public static final class Builder {
        private UUID hubId;
        private MemoryKind kind;
        private UUID topicId;
        private List<String> tags;
        private String source;
        private MemoryState state;
        private Boolean pinned;
        private Instant createdAfter;
        private Instant createdBefore;
        private Boolean includeExpired;
        private Sort sort;
        private Integer limit;
        private String cursor;
        private String actor;

        private Builder() {}

        public Builder hubId(UUID hubId) {
            this.hubId = hubId;
            return this;
        }

        public Builder kind(MemoryKind kind) {
            this.kind = Checks.known(kind, MemoryKind.UNKNOWN);
            return this;
        }

        public Builder topicId(UUID topicId) {
            this.topicId = topicId;
            return this;
        }

        /** Memories carrying every one of these tags (commas are not allowed inside a tag here). */
        public Builder tags(String... tags) {
            return tags(Arrays.asList(tags));
        }

        public Builder tags(List<String> tags) {
            for (String tag : tags) {
                if (tag.contains(",")) {
                    throw new IllegalArgumentException("a tag filter cannot contain a comma: " + tag);
                }
            }
            this.tags = List.copyOf(tags);
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder state(MemoryState state) {
            this.state = Checks.known(state, MemoryState.UNKNOWN);
            return this;
        }

        public Builder pinned(boolean pinned) {
            this.pinned = pinned;
            return this;
        }

        public Builder createdAfter(Instant createdAfter) {
            this.createdAfter = createdAfter;
            return this;
        }

        public Builder createdBefore(Instant createdBefore) {
            this.createdBefore = createdBefore;
            return this;
        }

        public Builder includeExpired(boolean includeExpired) {
            this.includeExpired = includeExpired;
            return this;
        }

        /** Only memories of this actor: {@code human}, or an agent's name or slug. */
        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        public Builder sort(Sort sort) {
            this.sort = sort;
            return this;
        }

        /** Items per page, 1-100. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        public MemoryListParams build() {
            return new MemoryListParams(
                    hubId,
                    kind,
                    topicId,
                    tags,
                    source,
                    state,
                    pinned,
                    createdAfter,
                    createdBefore,
                    includeExpired,
                    sort,
                    limit,
                    cursor,
                    actor);
        }
    }
}
