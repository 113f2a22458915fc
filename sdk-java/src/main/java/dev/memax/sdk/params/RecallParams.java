package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.memax.sdk.models.RecallMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /v1/recall}. Only {@code query} is required; every other field narrows or
 * shapes the search and is left out of the request when null.
 *
 * @param query           what to look for (1-10,000 characters)
 * @param hubIds          search only these hubs (each must be readable); every readable hub when null
 * @param kind            {@code episodic}, {@code semantic}, {@code procedural} or {@code rationale}
 * @param tags            only memories carrying every one of these tags
 * @param topicId         only memories in this topic
 * @param source          the calling client's name, for usage attribution (not a filter since 0.2)
 * @param createdAfter    only memories created at or after this instant
 * @param createdBefore   only memories created before this instant
 * @param includeArchived also search archived memories
 * @param limit           1-100 (server default 10)
 * @param threshold       0-1: leave out results whose relevance score is below it
 * @param mode            {@link RecallMode#HYBRID} (server default), {@link RecallMode#SEMANTIC} or {@link RecallMode#KEYWORD}
 * @param sources         only memories whose source is one of these
 * @param hubId           the caller's active hub: a ranking hint, never a filter
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecallParams(
        String query,
        List<UUID> hubIds,
        String kind,
        List<String> tags,
        UUID topicId,
        String source,
        Instant createdAfter,
        Instant createdBefore,
        Boolean includeArchived,
        Integer limit,
        Double threshold,
        RecallMode mode,
        List<String> sources,
        UUID hubId) {
    /** The 0.1 form, without {@code sources} and {@code hubId}. */
    public RecallParams(
            String query,
            List<UUID> hubIds,
            String kind,
            List<String> tags,
            UUID topicId,
            String source,
            Instant createdAfter,
            Instant createdBefore,
            Boolean includeArchived,
            Integer limit,
            Double threshold,
            RecallMode mode) {
        this(
                query,
                hubIds,
                kind,
                tags,
                topicId,
                source,
                createdAfter,
                createdBefore,
                includeArchived,
                limit,
                threshold,
                mode,
                null,
                null);
    }

    /** This recall returning {@code count} memories (the server's default when null). */
    public RecallParams withLimit(Integer count) {
        return new RecallParams(
                query,
                hubIds,
                kind,
                tags,
                topicId,
                source,
                createdAfter,
                createdBefore,
                includeArchived,
                count,
                threshold,
                mode,
                sources,
                hubId);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Shorthand for a recall with nothing but a query. */
    public static RecallParams of(String query) {
        return builder().query(query).build();
    }

    /** Builds {@link RecallParams}; the query, limit, filters and search options come from {@link MemoryFilters}. */
    public static final class Builder extends MemoryFilters<Builder> {
        private Builder() {}

        /** @throws IllegalStateException when the query is missing */
        public RecallParams build() {
            return recall(limit);
        }
    }
}
