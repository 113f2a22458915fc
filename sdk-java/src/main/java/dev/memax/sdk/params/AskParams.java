package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.memax.sdk.models.RecallMode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /v1/ask}: a question, and which memories may answer it (the same filters
 * as recall).
 *
 * @param query         the question (required)
 * @param hubIds        only these hubs; every hub the caller may read when null
 * @param limit         how many memories to build the answer from (the server's default when null)
 * @param model         the language model to use, or {@code "auto"}; the server's default when null
 * @param tags          only memories with these tags
 * @param kind          only memories of this kind: {@code episodic}, {@code semantic}, {@code procedural}
 *                      or {@code rationale}
 * @param topicId       only memories in this topic
 * @param source        the calling client's name, for usage attribution (not a filter since 0.2)
 * @param createdAfter  only memories created after this instant
 * @param createdBefore only memories created before this instant
 * @param includeArchived also archived memories
 * @param threshold     leave out memories whose recall relevance is below it (0-1)
 * @param mode          how memories are recalled: hybrid (default), semantic or keyword
 * @param sources       only memories whose source is one of these
 * @param hubId         the caller's active hub: a ranking hint, never a filter
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AskParams(String query, List<UUID> hubIds, Integer limit, String model, List<String> tags, String kind,
                        UUID topicId, String source, Instant createdAfter, Instant createdBefore,
                        Boolean includeArchived, Double threshold, RecallMode mode, List<String> sources,
                        UUID hubId) {
    /** The 0.1 form, without {@code sources} and {@code hubId}. */
    public AskParams(String query, List<UUID> hubIds, Integer limit, String model, List<String> tags, String kind,
                     UUID topicId, String source, Instant createdAfter, Instant createdBefore,
                     Boolean includeArchived, Double threshold, RecallMode mode) {
        this(query, hubIds, limit, model, tags, kind, topicId, source, createdAfter, createdBefore, includeArchived,
                threshold, mode, null, null);
    }

    /** Shorthand for a question with every default. */
    public static AskParams of(String query) {
        return builder().query(query).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AskParams}; the filters come from {@link MemoryFilters}. */
    public static final class Builder extends MemoryFilters<Builder> {
        private String query;
        private Integer limit;
        private String model;

        private Builder() {
        }

        /** The question. */
        public Builder query(String query) {
            this.query = query;
            return this;
        }

        /** How many memories to build the answer from. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** The language model to use. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** @throws IllegalStateException when the query is missing or blank */
        public AskParams build() {
            if (Checks.required(query, "query").isBlank()) {
                throw new IllegalStateException("query is required");
            }
            return new AskParams(query, hubIds, limit, model, tags, kind, topicId, source, createdAfter,
                    createdBefore, includeArchived, threshold, mode, sources, activeHubId);
        }
    }
}
