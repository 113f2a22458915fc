package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * How an answer was produced. Fields the server did not send are null; {@link #raw()} holds
 * the whole object (e.g. token counts broken down further, or fields added later).
 *
 * @param model              the model that wrote the answer (for an extractive answer without
 *                           a language model, whatever the server names it)
 * @param tokens             tokens used in all, when the server sends a number
 * @param inputTokens        prompt tokens (for an extractive answer, its context's)
 * @param answerTokens       tokens of the answer
 * @param costUsd            estimated cost of the model call in US dollars
 * @param sourcesUsed        how many memories were put before the model
 * @param fallback           why an extractive answer stands in for a model that failed, else null
 * @param latencyMs          the server's total time in milliseconds ({@code latency_ms})
 * @param retrievalLatencyMs time spent recalling memories
 * @param synthesisLatencyMs time spent writing the answer
 * @param totalLatencyMs     total time ({@code total_latency_ms})
 * @param finishReason       why the model stopped ({@code stop}, {@code length}, …)
 * @param raw                the metadata object as received
 */
public record AskMetadata(
        String model,
        Long tokens,
        Long inputTokens,
        Long answerTokens,
        Double costUsd,
        Integer sourcesUsed,
        String fallback,
        Long latencyMs,
        Long retrievalLatencyMs,
        Long synthesisLatencyMs,
        Long totalLatencyMs,
        String finishReason,
        JsonNode raw) {
    /** No metadata. */
    public static final AskMetadata EMPTY = fromJson(JsonNodeFactory.instance.objectNode());

    public AskMetadata {
        raw = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
    }

    /** Reads a metadata object leniently: a missing or oddly shaped field is null, never an error. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AskMetadata fromJson(JsonNode node) {
        return new AskMetadata(
                JsonFields.text(node, "model"),
                JsonFields.longValue(node, "tokens"),
                JsonFields.longValue(node, "input_tokens"),
                JsonFields.longValue(node, "answer_tokens"),
                JsonFields.doubleValue(node, "cost_usd"),
                JsonFields.intValue(node, "sources_used"),
                JsonFields.text(node, "fallback"),
                JsonFields.longValue(node, "latency_ms"),
                JsonFields.longValue(node, "retrieval_latency_ms"),
                JsonFields.longValue(node, "synthesis_latency_ms"),
                JsonFields.longValue(node, "total_latency_ms"),
                JsonFields.text(node, "finish_reason"),
                node);
    }
}
