package dev.memax.server.ask;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.memax.server.recall.RecallRequest;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/ask} (docs/architecture.md §5.7): a question and the recall filters that choose the
 * memories it is answered from, in the same flat shape as {@code POST /v1/recall}. Unknown fields are ignored.
 *
 * @param recall the question and its recall filters, exactly as recall reads them (its {@code limit} is this one's)
 * @param limit  how many recalled memories the answer is built from (1-50; {@link AskSettings#defaultLimit()})
 * @param model  a model a configured provider serves, {@code extractive}, or {@code auto} / absent for the plan's
 *               default
 */
@Introspected
public record AskRequest(
        @JsonUnwrapped @NotNull @Valid RecallRequest recall,
        @Nullable @Min(1) @Max(50) Integer limit,
        @Nullable @Size(max = 200) String model) {

    /** The question asked. */
    public String query() {
        return recall.query();
    }

    /** The recall that finds the memories: the same filters, {@code limit} memories. */
    RecallRequest recall(int limit) {
        return recall.withLimit(limit);
    }

    /** This request with {@code X-Hub-ID} as its active hub when the body names none. */
    AskRequest withActiveHub(String header) {
        return new AskRequest(recall.withActiveHub(header), limit, model);
    }
}
