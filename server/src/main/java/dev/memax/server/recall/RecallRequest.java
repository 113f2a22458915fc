package dev.memax.server.recall;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /v1/recall} (docs/architecture.md §5.6). Unknown fields ({@code no_rerank}, {@code model}, …)
 * are ignored. Ids and timestamps arrive as text so that a malformed one is a per-field 422, not a 400.
 *
 * @param query           what to look for (1-10,000 characters)
 * @param hubIds          narrow to these hubs (each must be readable: {@code not_found} otherwise)
 * @param hubId           the caller's active hub, as in Memax: a ranking hint (its memories get a small boost), not a
 *                        filter; every readable hub is still searched. {@code X-Hub-ID} means the same when absent
 * @param kind            episodic | semantic | procedural | rationale
 * @param tags            every one of these tags (all-of)
 * @param source          who is calling (cli, sdk, mcp, …), as in Memax: usage attribution, never a filter
 * @param createdAfter    RFC 3339 timestamp or a date (inclusive)
 * @param createdBefore   RFC 3339 timestamp or a date (exclusive)
 * @param includeArchived also archived memories (default false)
 * @param limit           1-100, default 10
 * @param threshold       0-1: drop results whose relevance_score is below it
 * @param mode            hybrid (default) | semantic | keyword
 * @param sources         only memories whose {@code source} is one of these
 */
@Introspected
public record RecallRequest(
        @NotBlank @Size(max = RecallRequest.MAX_QUERY) String query,
        @Nullable @Size(max = 100) List<String> hubIds,
        @Nullable String hubId,
        @Nullable String kind,
        @Nullable @Size(max = 50) List<String> tags,
        @Nullable String topicId,
        @Nullable @Size(max = 500) String source,
        @Nullable String createdAfter,
        @Nullable String createdBefore,
        @Nullable Boolean includeArchived,
        @Nullable @Min(1) @Max(100) Integer limit,
        @Nullable @DecimalMin("0") @DecimalMax("1") Double threshold,
        @Nullable RecallMode mode,
        @Nullable @Size(max = 50) List<String> sources) {
    public static final int MAX_QUERY = 10_000;
    public static final int DEFAULT_LIMIT = 10;

    /** This request returning {@code count} memories. */
    public RecallRequest withLimit(int count) {
        return new RecallRequest(
                query,
                hubIds,
                hubId,
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
                sources);
    }

    /** This request with {@code X-Hub-ID} as its active hub when the body names none. */
    public RecallRequest withActiveHub(String header) {
        if (header == null || header.isBlank() || (hubId != null && !hubId.isBlank())) {
            return this;
        }
        return new RecallRequest(
                query,
                hubIds,
                header,
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
                sources);
    }
}
