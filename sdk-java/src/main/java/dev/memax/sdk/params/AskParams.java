package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Body of {@code POST /v1/ask}: a question, and which memories may answer it. The question and its filters are a
 * {@link RecallParams}, sent flat beside {@code limit} and {@code model} exactly as recall sends them.
 *
 * @param recall the question ({@code query}) and the recall filters that choose the memories; its own
 *               {@code limit} is not sent
 * @param limit  how many memories to build the answer from (1-50; the server's default when null)
 * @param model  the language model to use, {@code "extractive"} or {@code "auto"}; the plan's default when null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AskParams(@JsonUnwrapped RecallParams recall, Integer limit, String model) {
    public AskParams {
        Checks.required(recall, "recall");
        recall = recall.withLimit(null);
    }

    /** The question. */
    public String query() {
        return recall.query();
    }

    /** Shorthand for a question with every default. */
    public static AskParams of(String query) {
        return builder().query(query).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AskParams}; the query, limit and filters come from {@link MemoryFilters}. */
    public static final class Builder extends MemoryFilters<Builder> {
        private String model;

        private Builder() {}

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
            return new AskParams(recall(null), limit, model);
        }
    }
}
