package dev.memax.server.ask;

import dev.memax.server.recall.RecallMode;
import dev.memax.server.recall.RecallRequest;
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
 * Body of {@code POST /v1/ask} (docs/architecture.md §5.7): a question and the recall filters that choose the
 * memories it is answered from. Unknown fields are ignored.
 *
 * @param limit how many recalled memories the answer is built from (1-50; {@link AskSettings#defaultLimit()})
 * @param model a model a configured provider serves, {@code extractive}, or {@code auto} / absent for
 *              the plan's default
 * @param hubId   the caller's active hub: a ranking hint, as on recall ({@link RecallRequest})
 * @param source  who is calling (usage attribution), never a filter
 * @param sources only memories whose {@code source} is one of these
 */
@Introspected
public record AskRequest(@NotBlank @Size(max = RecallRequest.MAX_QUERY) String query,
                         @Nullable @Size(max = 100) List<String> hubIds,
                         @Nullable String hubId,
                         @Nullable @Min(1) @Max(50) Integer limit,
                         @Nullable @Size(max = 200) String model,
                         @Nullable String kind,
                         @Nullable @Size(max = 50) List<String> tags,
                         @Nullable String topicId,
                         @Nullable @Size(max = 500) String source,
                         @Nullable String createdAfter,
                         @Nullable String createdBefore,
                         @Nullable Boolean includeArchived,
                         @Nullable @DecimalMin("0") @DecimalMax("1") Double threshold,
                         @Nullable RecallMode mode,
                         @Nullable @Size(max = 50) List<String> sources) {

    /** The recall that finds the memories: the same filters, {@code limit} memories. */
    RecallRequest recall(int limit) {
        return new RecallRequest(query, hubIds, hubId, kind, tags, topicId, source, createdAfter, createdBefore,
                includeArchived, limit, threshold, mode, sources);
    }

    /** This request with {@code X-Hub-ID} as its active hub when the body names none. */
    AskRequest withActiveHub(String header) {
        if (header == null || header.isBlank() || (hubId != null && !hubId.isBlank())) {
            return this;
        }
        return new AskRequest(query, hubIds, header, limit, model, kind, tags, topicId, source, createdAfter,
                createdBefore, includeArchived, threshold, mode, sources);
    }
}
