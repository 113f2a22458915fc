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
 * Body of {@code POST /v1/recall} (DESIGN.md §4). Unknown fields ({@code no_rerank}, {@code model}, …)
 * are ignored. Ids and timestamps arrive as text so that a malformed one is a per-field 422, not a 400.
 *
 * @param query           what to look for (1-10,000 characters)
 * @param hubIds          narrow to these hubs (each must be readable: {@code not_found} otherwise)
 * @param hubId           one more hub to narrow to (older clients send a single id)
 * @param kind            episodic | semantic | procedural | rationale
 * @param tags            every one of these tags (all-of)
 * @param createdAfter    RFC 3339 timestamp or a date (inclusive)
 * @param createdBefore   RFC 3339 timestamp or a date (exclusive)
 * @param includeArchived also archived memories (default false)
 * @param limit           1-100, default 10
 * @param threshold       0-1: drop results whose relevance_score is below it
 * @param mode            hybrid (default) | semantic | keyword
 */
@Introspected
public record RecallRequest(@NotBlank @Size(max = RecallRequest.MAX_QUERY) String query,
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
                            @Nullable RecallMode mode) {
    public static final int MAX_QUERY = 10_000;
    public static final int DEFAULT_LIMIT = 10;
}
