package dev.memax.server.ask;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.memax.server.recall.RecallResponse;
import io.micronaut.core.annotation.Introspected;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer of {@code POST /v1/ask}.
 *
 * @param answer    the text; it cites sources as {@code [index]}
 * @param citations the sources the answer cites, in order of first citation (only sources that were
 *                  in the context: a number the model made up is dropped)
 * @param sources   the memories put before the model, numbered as the answer cites them
 */
@Introspected
public record AskResponse(String answer, List<Citation> citations, List<Source> sources, Metadata metadata) {

    @Introspected
    public record Citation(int index, UUID memoryId, String title) {}

    /**
     * A memory in the answer's context, with the chunk of it that was used.
     *
     * @param chunkContent the text given to the model (cut when it did not fit the token budget whole)
     * @param headingChain the chunk's headings: {@code headings} on the wire, and joined with
     *                     {@code " > "} as {@code heading_chain}, as in recall results
     */
    @Introspected
    public record Source(
            int index,
            UUID id,
            UUID hubId,
            String title,
            String summary,
            String chunkContent,
            @JsonProperty("headings") List<String> headingChain,
            double relevanceScore,
            String kind,
            String stability,
            String source,
            UUID topicId,
            Instant createdAt,
            String age) {

        @JsonProperty("heading_chain")
        public String headingChainText() {
            return RecallResponse.joinHeadings(headingChain);
        }
    }

    /**
     * How the answer was made.
     *
     * @param model         the model that wrote it, or {@code extractive}
     * @param tokens        input plus answer tokens
     * @param inputTokens   prompt tokens (the provider's count; for an extractive answer, the context's)
     * @param answerTokens  tokens of the answer
     * @param costUsd       estimated cost of the model call (0 when extractive or unpriced)
     * @param fallback      why an extractive answer was given although a model was asked for
     *                      ({@code provider_unavailable}, {@code provider_error}, {@code provider_timeout}); absent otherwise
     * @param finishReason  why the model stopped ({@code stop}, {@code length}, …)
     */
    @Introspected
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(
            String model,
            long tokens,
            long inputTokens,
            long answerTokens,
            double costUsd,
            int sourcesUsed,
            long retrievalLatencyMs,
            long synthesisLatencyMs,
            long totalLatencyMs,
            long latencyMs,
            String fallback,
            String finishReason) {}
}
